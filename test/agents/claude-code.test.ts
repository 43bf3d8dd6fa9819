/**
 * Claude Code (the real `claude` CLI, pinned in devDependencies) through the Messages door: natively
 * to Claude, translated to gpt-5 (OpenAI Chat Completions), Gemini and DeepSeek. It runs as a user
 * runs it in print mode; its Read tool is allowed, so the tool loop needs no permission prompt.
 */
import { fileURLToPath } from 'node:url';
import { describeAgentSuite } from './agent-suite.js';
import type { AgentUnderTest } from './agent-under-test.js';

const CLAUDE = fileURLToPath(new URL('../../node_modules/.bin/claude', import.meta.url));

const claudeCode: AgentUnderTest = {
  name: 'Claude Code',
  door: 'messages',
  upstream: { 'claude-4-5-sonnet': 'anthropic', 'gpt-5': 'openai-compatible', 'gemini-2.5-pro': 'gemini', 'deepseek-v3.2': 'openai-compatible' },
  readFileCall: (path) => ({ name: 'Read', arguments: { file_path: path } }),
  invocation: ({ gatewayUrl, key, model, prompt, home, cwd }) => ({
    command: CLAUDE,
    args: ['-p', prompt, '--model', model, '--allowedTools', 'Read'],
    cwd,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: home,
      ANTHROPIC_BASE_URL: gatewayUrl,
      ANTHROPIC_API_KEY: key,
      // No calls home: the test machine has no internet, and none may stall a run.
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
      DISABLE_AUTOUPDATER: '1',
      DISABLE_TELEMETRY: '1',
      DISABLE_ERROR_REPORTING: '1',
      NO_COLOR: '1',
    },
  }),
};

describeAgentSuite(claudeCode);
