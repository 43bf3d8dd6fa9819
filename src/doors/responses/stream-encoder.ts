/**
 * Canonical chunks → the Responses event stream, as OpenAI sends it
 * (https://platform.openai.com/docs/api-reference/responses-streaming): `response.created`,
 * `response.in_progress`, then per output item `output_item.added` … `output_item.done` with the
 * events of its parts in between (reasoning summary parts, text or refusal content parts, function
 * call arguments), and last `response.completed` or `response.incomplete` with the whole response
 * and its usage. Items get output indexes in the order they open; the reasoning or message item
 * closes when the canonical stream moves on to something else. The tool calls of one run stay
 * open together until the run ends, so a provider that interleaves argument fragments of parallel
 * calls still streams correctly.
 */
import type { ChatCompletionChunk, ChunkDelta, FinishReason, ToolCallDelta } from '../../core/chat-response.js';
import type { ReasoningDetail } from '../../core/reasoning-details.js';
import type { GatewayError } from '../../core/errors.js';
import type { Usage } from '../../core/usage.js';
import type { DoorContext, DoorStreamEncoder } from '../door.js';
import { buildResponse, responseIds, stateOf, type ResponseIds } from './build-response.js';
import { restoreToolName } from './namespace-tool-names.js';
import { encodeReasoningCarrier } from './reasoning-carrier.js';
import type { FunctionCallItem, ItemStatus, OutputItem, OutputTextPart, RefusalPart } from './response-types.js';
import type { ResponsesInbound } from './responses-inbound.js';
import { encodeStreamError } from './stream-error.js';
import { EventSequence } from './stream-events.js';

interface OpenReasoning {
  kind: 'reasoning';
  outputIndex: number;
  id: string;
  text: string;
  details: ReasoningDetail[];
}

interface OpenPart {
  kind: 'text' | 'refusal';
  contentIndex: number;
  text: string;
}

interface OpenMessage {
  kind: 'message';
  outputIndex: number;
  id: string;
  parts: Array<OutputTextPart | RefusalPart>;
  part: OpenPart | null;
}

interface OpenCall {
  outputIndex: number;
  item: FunctionCallItem;
}

export function createStreamEncoder(inbound: ResponsesInbound, context: DoorContext): DoorStreamEncoder {
  return new ResponsesStreamEncoder(inbound, context);
}

class ResponsesStreamEncoder implements DoorStreamEncoder {
  private readonly events = new EventSequence();
  private readonly ids: ResponseIds;
  private readonly createdAt: number;
  private model: string;
  private started = false;
  private nextOutputIndex = 0;
  /** Closed items by output index: the final response's output. */
  private readonly finished: OutputItem[] = [];
  private current: OpenReasoning | OpenMessage | null = null;
  private readonly calls = new Map<number, OpenCall>();
  private readonly closedCalls = new Set<number>();
  /** Signed reasoning that arrived after its reasoning item closed (Gemini signs the tool call). */
  private readonly lateDetails: ReasoningDetail[] = [];
  private finish: FinishReason | null = null;

  constructor(
    private readonly inbound: ResponsesInbound,
    private readonly context: DoorContext,
  ) {
    this.ids = responseIds(context);
    this.createdAt = context.now();
    this.model = inbound.body.model ?? '';
  }

  push(chunks: readonly ChatCompletionChunk[]): string {
    if (chunks.length === 0) return '';
    let out = this.start(chunks[0]?.model);
    for (const chunk of chunks) {
      const choice = chunk.choices[0];
      if (choice === undefined) continue;
      out += this.delta(choice.delta);
      if (choice.finish_reason !== null) this.finish = choice.finish_reason;
    }
    return out;
  }

  end(usage: Usage | undefined): string {
    const state = stateOf(this.finish);
    let out = this.start(undefined) + this.closeAll(state.status === 'incomplete' ? 'incomplete' : 'completed');
    if (this.lateDetails.length > 0) {
      const item = this.openReasoning();
      item.details.push(...this.lateDetails);
      out += this.events.event('response.output_item.added', { output_index: item.outputIndex, item: { id: item.id, type: 'reasoning', summary: [] } });
      out += this.closeCurrent('completed');
    }
    const response = buildResponse(this.inbound, {
      id: this.ids.response,
      createdAt: this.createdAt,
      model: this.model,
      state,
      output: this.finished.filter((item) => item !== undefined),
      usage,
      completedAt: state.status === 'completed' ? this.context.now() : null,
    });
    return out + this.events.event(state.status === 'completed' ? 'response.completed' : 'response.incomplete', { response });
  }

  fail(error: GatewayError): string {
    return this.start(undefined) + encodeStreamError(error, (type, fields) => this.events.event(type, fields), { id: this.ids.response, created_at: this.createdAt, model: this.model });
  }

  private start(model: string | undefined): string {
    if (this.started) return '';
    this.started = true;
    if (model) this.model = model;
    const response = buildResponse(this.inbound, {
      id: this.ids.response,
      createdAt: this.createdAt,
      model: this.model,
      state: { status: 'in_progress', incompleteReason: null },
      output: [],
      usage: undefined,
      completedAt: null,
    });
    return this.events.event('response.created', { response }) + this.events.event('response.in_progress', { response });
  }

  private delta(delta: ChunkDelta): string {
    let out = '';
    if (delta.reasoning_content) out += this.reasoning(delta.reasoning_content);
    if (delta.reasoning_details && delta.reasoning_details.length > 0) out += this.details(delta.reasoning_details);
    if (delta.content) out += this.text('text', delta.content);
    if (delta.refusal) out += this.text('refusal', delta.refusal);
    for (const call of delta.tool_calls ?? []) out += this.toolCall(call);
    return out;
  }

  private reasoning(text: string): string {
    let out = '';
    let item = this.current;
    if (item?.kind !== 'reasoning') {
      out += this.closeAll('completed');
      item = this.openReasoning();
      out += this.events.event('response.output_item.added', { output_index: item.outputIndex, item: { id: item.id, type: 'reasoning', summary: [] } });
    }
    if (item.text === '') out += this.events.event('response.reasoning_summary_part.added', { ...this.summaryRef(item), part: { type: 'summary_text', text: '' } });
    item.text += text;
    return out + this.events.event('response.reasoning_summary_text.delta', { ...this.summaryRef(item), delta: text });
  }

  private details(details: readonly ReasoningDetail[]): string {
    if (this.current?.kind === 'reasoning') {
      this.current.details.push(...details);
      return '';
    }
    if (this.current === null && this.calls.size === 0) {
      // Signed reasoning before anything else (redacted thinking): it opens the reasoning item.
      const item = this.openReasoning();
      item.details.push(...details);
      return this.events.event('response.output_item.added', { output_index: item.outputIndex, item: { id: item.id, type: 'reasoning', summary: [] } });
    }
    this.lateDetails.push(...details);
    return '';
  }

  private text(kind: OpenPart['kind'], text: string): string {
    let out = '';
    let item = this.current;
    if (item?.kind !== 'message') {
      out += this.closeAll('completed');
      const outputIndex = this.nextOutputIndex++;
      item = { kind: 'message', outputIndex, id: this.ids.item('msg', outputIndex), parts: [], part: null };
      this.current = item;
      out += this.events.event('response.output_item.added', {
        output_index: item.outputIndex,
        item: { id: item.id, type: 'message', role: 'assistant', status: 'in_progress', content: [] },
      });
    }
    let part = item.part;
    if (part?.kind !== kind) {
      out += this.closePart(item);
      part = { kind, contentIndex: item.parts.length, text: '' };
      item.part = part;
      out += this.events.event('response.content_part.added', { ...this.partRef(item, part), part: partOf(kind, '') });
    }
    part.text += text;
    const type = kind === 'text' ? 'response.output_text.delta' : 'response.refusal.delta';
    return out + this.events.event(type, { ...this.partRef(item, part), delta: text, ...(kind === 'text' ? { logprobs: [] } : {}) });
  }

  private toolCall(delta: ToolCallDelta): string {
    const open = this.calls.get(delta.index);
    const fragment = delta.function?.arguments ?? '';
    if (open !== undefined) {
      if (!open.item.name && delta.function?.name) Object.assign(open.item, restoreToolName(delta.function.name, this.inbound.names));
      if (fragment === '') return '';
      open.item.arguments += fragment;
      return this.events.event('response.function_call_arguments.delta', { item_id: open.item.id, output_index: open.outputIndex, delta: fragment });
    }
    // A fragment for a call whose run already ended cannot be streamed any more; no adapter sends one.
    if (this.closedCalls.has(delta.index)) return '';
    let out = this.closeCurrent('completed');
    const outputIndex = this.nextOutputIndex++;
    const id = this.ids.item('fc', outputIndex);
    const item: FunctionCallItem = {
      id,
      type: 'function_call',
      status: 'in_progress',
      call_id: delta.id ?? `call_${id}`,
      ...restoreToolName(delta.function?.name ?? '', this.inbound.names),
      arguments: '',
    };
    this.calls.set(delta.index, { outputIndex, item });
    out += this.events.event('response.output_item.added', { output_index: outputIndex, item: { ...item } });
    if (fragment !== '') {
      item.arguments = fragment;
      out += this.events.event('response.function_call_arguments.delta', { item_id: id, output_index: outputIndex, delta: fragment });
    }
    return out;
  }

  private openReasoning(): OpenReasoning {
    const outputIndex = this.nextOutputIndex++;
    const item: OpenReasoning = { kind: 'reasoning', outputIndex, id: this.ids.item('rs', outputIndex), text: '', details: [] };
    this.current = item;
    return item;
  }

  private closeAll(status: ItemStatus): string {
    return this.closeCurrent(status) + this.closeCalls();
  }

  private closeCurrent(status: ItemStatus): string {
    const item = this.current;
    if (item === null) return '';
    this.current = null;
    if (item.kind === 'message') {
      const out = this.closePart(item);
      return out + this.itemDone(item.outputIndex, { id: item.id, type: 'message', role: 'assistant', status, content: item.parts });
    }
    let out = '';
    if (item.text !== '') {
      out += this.events.event('response.reasoning_summary_text.done', { ...this.summaryRef(item), text: item.text });
      out += this.events.event('response.reasoning_summary_part.done', { ...this.summaryRef(item), part: { type: 'summary_text', text: item.text } });
    }
    const carrier = encodeReasoningCarrier(item.details);
    return (
      out +
      this.itemDone(item.outputIndex, {
        id: item.id,
        type: 'reasoning',
        summary: item.text === '' ? [] : [{ type: 'summary_text', text: item.text }],
        ...(carrier === undefined ? {} : { encrypted_content: carrier }),
      })
    );
  }

  private closePart(item: OpenMessage): string {
    const part = item.part;
    if (part === null) return '';
    item.part = null;
    const done = partOf(part.kind, part.text);
    item.parts.push(done);
    const ref = this.partRef(item, part);
    const finished =
      part.kind === 'text'
        ? this.events.event('response.output_text.done', { ...ref, text: part.text, logprobs: [] })
        : this.events.event('response.refusal.done', { ...ref, refusal: part.text });
    return finished + this.events.event('response.content_part.done', { ...ref, part: done });
  }

  private closeCalls(): string {
    let out = '';
    for (const [index, call] of [...this.calls].sort(([, a], [, b]) => a.outputIndex - b.outputIndex)) {
      const { item, outputIndex } = call;
      item.status = 'completed';
      out += this.events.event('response.function_call_arguments.done', { item_id: item.id, output_index: outputIndex, name: item.name, arguments: item.arguments });
      out += this.itemDone(outputIndex, { ...item });
      this.closedCalls.add(index);
    }
    this.calls.clear();
    return out;
  }

  private itemDone(outputIndex: number, item: OutputItem): string {
    this.finished[outputIndex] = item;
    return this.events.event('response.output_item.done', { output_index: outputIndex, item });
  }

  private summaryRef(item: OpenReasoning) {
    return { item_id: item.id, output_index: item.outputIndex, summary_index: 0 };
  }

  private partRef(item: OpenMessage, part: OpenPart) {
    return { item_id: item.id, output_index: item.outputIndex, content_index: part.contentIndex };
  }
}

function partOf(kind: OpenPart['kind'], text: string): OutputTextPart | RefusalPart {
  return kind === 'text' ? { type: 'output_text', text, annotations: [], logprobs: [] } : { type: 'refusal', refusal: text };
}
