/**
 * Loose schemas for what Gemini answers (GenerateContentResponse, https://ai.google.dev/api/generate-content#v1beta.GenerateContentResponse,
 * and the error body, https://ai.google.dev/gemini-api/docs/troubleshooting). Unknown fields are
 * tolerated; wrong types for fields we read fail validation at the boundary.
 */
import { z } from 'zod';

const count = z.number().nonnegative().nullish().catch(null);

export const geminiPartSchema = z.looseObject({
  text: z.string().nullish(),
  thought: z.boolean().nullish(),
  thoughtSignature: z.string().nullish(),
  functionCall: z
    .looseObject({
      id: z.string().nullish(),
      name: z.string(),
      args: z.record(z.string(), z.unknown()).nullish(),
    })
    .nullish(),
});
export type GeminiResponsePart = z.infer<typeof geminiPartSchema>;

const logprobCandidate = z.looseObject({
  token: z.string().nullish(),
  logProbability: z.number().nullish(),
});
export type GeminiLogprobCandidate = z.infer<typeof logprobCandidate>;

export const logprobsResultSchema = z.looseObject({
  topCandidates: z.array(z.looseObject({ candidates: z.array(logprobCandidate).nullish() })).nullish(),
  chosenCandidates: z.array(logprobCandidate).nullish(),
});
export type GeminiLogprobsResult = z.infer<typeof logprobsResultSchema>;

const candidateSchema = z.looseObject({
  content: z.looseObject({ role: z.string().nullish(), parts: z.array(geminiPartSchema).nullish() }).nullish(),
  finishReason: z.string().nullish(),
  index: z.number().int().nonnegative().nullish(),
  logprobsResult: logprobsResultSchema.nullish(),
});
export type GeminiCandidate = z.infer<typeof candidateSchema>;

export const usageMetadataSchema = z.looseObject({
  promptTokenCount: count,
  candidatesTokenCount: count,
  thoughtsTokenCount: count,
  cachedContentTokenCount: count,
  toolUsePromptTokenCount: count,
  totalTokenCount: count,
});
export type GeminiUsageMetadata = z.infer<typeof usageMetadataSchema>;

export const geminiResponseSchema = z.looseObject({
  candidates: z.array(candidateSchema).nullish(),
  promptFeedback: z.looseObject({ blockReason: z.string().nullish(), blockReasonMessage: z.string().nullish() }).nullish(),
  usageMetadata: usageMetadataSchema.nullish(),
  modelVersion: z.string().nullish(),
  responseId: z.string().nullish(),
  /** Errors after a 200 arrive inside the stream as an object with an `error` key (js-genai processStreamResponse). */
  error: z.unknown().optional(),
});
export type GeminiResponse = z.infer<typeof geminiResponseSchema>;

export const geminiErrorSchema = z.looseObject({
  error: z.looseObject({
    code: z.number().nullish(),
    message: z.string().nullish(),
    status: z.string().nullish(),
    details: z
      .array(
        z.looseObject({
          '@type': z.string().nullish(),
          reason: z.string().nullish(),
          retryDelay: z.string().nullish(),
        }),
      )
      .nullish()
      .catch(null),
  }),
});
export type GeminiErrorBody = z.infer<typeof geminiErrorSchema>;
