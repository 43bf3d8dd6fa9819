/**
 * Whether a Gemini GenerateContentResponse (an answer, or one stream event) is of the plain shape the
 * schema would take as it is: every field the gateway reads present with its type or absent, no
 * count the schema would have to replace. Such a body is used without running the schema (zod over
 * every answer and every stream event was a few percent of a translated call); anything else —
 * logprobs, odd types, a count that is not a number — goes through upstream-schema.ts, which
 * decides. The schema has no transforms, so for what this accepts both readings are the same object
 * (plain-response.test.ts converts every recorded answer both ways).
 */
import type { GeminiResponse } from './upstream-schema.js';
import { isFields } from '../../core/json-fields.js';

const isAbsent = (value: unknown): boolean => value === undefined || value === null;
const isNullishString = (value: unknown): boolean => isAbsent(value) || typeof value === 'string';
const isNullishCount = (value: unknown): boolean => isAbsent(value) || (typeof value === 'number' && value >= 0);

export function isPlainGeminiResponse(body: unknown): body is GeminiResponse {
  if (!isFields(body) || !isNullishString(body.modelVersion) || !isNullishString(body.responseId)) return false;
  const { candidates, promptFeedback, usageMetadata } = body;
  if (!isAbsent(candidates) && !(Array.isArray(candidates) && candidates.every(isPlainCandidate))) return false;
  if (!isAbsent(promptFeedback) && !(isFields(promptFeedback) && isNullishString(promptFeedback.blockReason) && isNullishString(promptFeedback.blockReasonMessage))) return false;
  return isAbsent(usageMetadata) || isPlainUsage(usageMetadata);
}

function isPlainCandidate(candidate: unknown): boolean {
  if (!isFields(candidate) || !isNullishString(candidate.finishReason) || !isAbsent(candidate.logprobsResult)) return false;
  const index = candidate.index;
  if (!isAbsent(index) && !(typeof index === 'number' && Number.isInteger(index) && index >= 0)) return false;
  const content = candidate.content;
  if (isAbsent(content)) return true;
  if (!isFields(content) || !isNullishString(content.role)) return false;
  return isAbsent(content.parts) || (Array.isArray(content.parts) && content.parts.every(isPlainPart));
}

function isPlainPart(part: unknown): boolean {
  if (!isFields(part) || !isNullishString(part.text) || !isNullishString(part.thoughtSignature)) return false;
  if (!isAbsent(part.thought) && typeof part.thought !== 'boolean') return false;
  const call = part.functionCall;
  if (isAbsent(call)) return true;
  return isFields(call) && typeof call.name === 'string' && isNullishString(call.id) && (isAbsent(call.args) || isFields(call.args));
}

function isPlainUsage(usage: unknown): boolean {
  if (!isFields(usage)) return false;
  return (
    isNullishCount(usage.promptTokenCount) &&
    isNullishCount(usage.candidatesTokenCount) &&
    isNullishCount(usage.thoughtsTokenCount) &&
    isNullishCount(usage.cachedContentTokenCount) &&
    isNullishCount(usage.toolUsePromptTokenCount) &&
    isNullishCount(usage.totalTokenCount)
  );
}
