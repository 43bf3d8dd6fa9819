/**
 * What a model name may be, checked once where names enter (the request body, the config file): the
 * name is echoed in the `x-switchyard-model` header and may end up in an upstream URL, so it must
 * be a valid header value — printable ASCII, no spaces or control characters (CR/LF would otherwise
 * make Node refuse the response headers, or worse). Every real model id fits (`gpt-4o`,
 * `meta-llama/Llama-3.3-70B-Instruct`, `llama3:8b`, `openai/gpt-4o:free`).
 */
import { z } from 'zod';

export const MODEL_NAME_MAX = 256;
const PRINTABLE = /^[\x21-\x7e]+$/;

export const modelNameSchema = z
  .string()
  .min(1)
  .max(MODEL_NAME_MAX)
  .regex(PRINTABLE, 'model names are printable ASCII, without spaces or control characters');

export const isValidModelName = (name: string): boolean => name.length <= MODEL_NAME_MAX && PRINTABLE.test(name);
