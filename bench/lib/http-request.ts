/** One request the benchmark sends, and what a correct answer to it looks like. */
export type AnswerShape =
  | 'openai'
  | 'openai-stream'
  | 'anthropic'
  | 'anthropic-stream'
  | 'responses'
  | 'responses-stream'
  | 'gemini'
  | 'embeddings';

export interface BenchRequest {
  /** Absolute URL. */
  url: string;
  headers: Record<string, string>;
  body: string;
  expect: AnswerShape;
}
