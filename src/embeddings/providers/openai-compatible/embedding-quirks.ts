/** How one OpenAI-compatible vendor's `/embeddings` differs from OpenAI's (embedding-vendors.ts). */
export interface EmbeddingQuirks {
  /** Takes token-id arrays as `input`; otherwise they are refused (400 unsupported_parameter). */
  tokens: boolean;
  /** Answers `encoding_format: "base64"`; otherwise it is asked for floats and the gateway encodes. */
  base64: boolean;
  /** The name of its output-size parameter; null when it has none (`dimensions` is then refused). */
  dimensions: 'dimensions' | 'output_dimension' | null;
  /** Answers exactly OpenAI's response shape (OpenAI itself): such an answer is sent on as its own JSON text. */
  conformant?: boolean;
}
