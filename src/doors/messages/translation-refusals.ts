/**
 * What a Messages request says that the canonical (OpenAI Chat Completions) request cannot carry.
 * Such a request is still fine for a Claude deployment, which gets the client's body natively, so the
 * refusal is only raised when an attempt has to be translated (DoorCodec.assertTranslatable): a 400
 * `unsupported_parameter` naming the parameter, never a silent drop (design.md §4).
 */
import { unsupportedParameter, type GatewayError } from '../../core/errors.js';

export interface TranslationRefusal {
  param: string;
  message: string;
}

export class Refusals {
  readonly list: TranslationRefusal[] = [];

  add(param: string, message: string): void {
    this.list.push({ param, message });
  }
}

/** The first refusal as the error a translated attempt fails with; null when there is none. */
export function refusalError(refusals: readonly TranslationRefusal[]): GatewayError | null {
  const first = refusals[0];
  if (first === undefined) return null;
  return unsupportedParameter(first.param, `${first.message} This works only with Claude models, whose deployments get the request as it is.`);
}
