/**
 * Gemini generateContent wire, as generativelanguage.googleapis.com sends it (SSE frames end in CRLF CRLF there).
 * https://ai.google.dev/api/generate-content#v1beta.GenerateContentResponse
 */
import { answerPiece, answerText, answerTokens, completionTokens, promptTokens } from './answer.js';

function usage(completion: number | undefined): string {
  const candidates = completion === undefined ? '' : `,"candidatesTokenCount":${completion}`;
  const total = promptTokens + (completion ?? 0);
  return `{"promptTokenCount":${promptTokens}${candidates},"totalTokenCount":${total},"promptTokensDetails":[{"modality":"TEXT","tokenCount":${promptTokens}}]}`;
}

function candidate(text: string, finished: boolean): string {
  const finish = finished ? ',"finishReason":"STOP"' : '';
  return `[{"content":{"parts":[{"text":${JSON.stringify(text)}}],"role":"model"}${finish},"index":0}]`;
}

export function geminiResponse(id: string, model: string): string {
  return `{"candidates":${candidate(answerText, true)},"usageMetadata":${usage(answerTokens)},"modelVersion":${JSON.stringify(model)},"responseId":"${id}"}`;
}

/** `chunks` frames, each with one text part; the last carries finishReason and the full usage. */
export function geminiStreamFrames(id: string, model: string, chunks: number): string[] {
  const tail = `,"modelVersion":${JSON.stringify(model)},"responseId":"${id}"}\r\n\r\n`;
  const frames: string[] = [];
  for (let index = 0; index < chunks; index += 1) {
    const last = index === chunks - 1;
    const usageMetadata = usage(last ? completionTokens(chunks) : undefined);
    frames.push(`data: {"candidates":${candidate(answerPiece(index), last)},"usageMetadata":${usageMetadata}${tail}`);
  }
  return frames;
}
