/**
 * Codex CLI (the real `codex`, pinned in devDependencies) through the Responses door: natively to
 * OpenAI (gpt-5 goes up as a Responses request), translated to Claude, Gemini and DeepSeek. It runs
 * `codex exec` with a custom provider as the README shows, in its default read-only sandbox (enough
 * for `cat`); its shell tool is the `exec_command` function.
 */
import { fileURLToPath } from 'node:url';
import { describeAgentSuite } from './agent-suite.js';

const CODEX = fileURLToPath(new URL('../../node_modules/.bin/codex', import.meta.url));

describeAgentSuite({
  name: 'Codex',
  door: 'responses',
  upstream: { 'claude-4-5-sonnet': 'anthropic', 'gpt-5': 'responses', 'gemini-2.5-pro': 'gemini', 'deepseek-v3.2': 'openai-compatible' },
  readFileCall: (path) => ({ name: 'exec_command', arguments: { cmd: `cat ${path}` } }),
  invocation: ({ gatewayUrl, key, model, prompt, home, cwd }) => ({
    command: CODEX,
    args: [
      'exec',
      '--skip-git-repo-check',
      '--color',
      'never',
      '-c',
      'model_provider=sy',
      '-c',
      `model_providers.sy={name="sy",base_url="${gatewayUrl}/v1",env_key="SY_KEY",wire_api="responses"}`,
      // No calls home: the curated-plugin sync (github.com, chatgpt.com) and metrics (ab.chatgpt.com).
      '-c',
      'features.plugins=false',
      '-c',
      'analytics.enabled=false',
      '-m',
      model,
      prompt,
    ],
    cwd,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, CODEX_HOME: home, SY_KEY: key, NO_COLOR: '1' },
  }),
});
