/**
 * An upstream's vector of floats, checked with a plain loop instead of `z.array(z.number())`: a
 * 2048 × 3072 answer holds six million numbers, and a schema per element costs as much again as
 * parsing the JSON (measured: ~400 ms against ~30 ms for a 60 MB answer).
 */
import { z } from 'zod';

export const floatVectorSchema = z.custom<number[]>((value) => Array.isArray(value) && value.every((item) => typeof item === 'number'), {
  message: 'an embedding must be a list of numbers',
});
