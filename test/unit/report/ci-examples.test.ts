import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const dir = join(__dirname, '../../../examples/ci');

interface GhStep {
  name?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

describe('CI examples', () => {
  test('GitHub Actions: builds from the repository, calls load-test.sh, uploads HTML and JUnit, publishes JUnit', () => {
    const wf = parse(readFileSync(join(dir, 'github-actions.yml'), 'utf8')) as {
      jobs: Record<string, { steps: GhStep[] }>;
    };
    const steps = wf.jobs['load-test'].steps;
    assert.ok(steps.some((s) => s.run?.includes('npm ci') && s.run.includes('esbuild.mjs')));
    const load = steps.find((s) => s.run === 'bash examples/ci/load-test.sh');
    assert.equal(load?.env?.SKIP_INSTALL, '1');
    assert.match(load?.env?.GATEWAY_URL ?? '', /secrets\.GATEWAY_URL/);
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact'));
    assert.match(upload?.with?.path ?? '', /report\.html[\s\S]*junit\.xml/);
    assert.equal(upload && (upload as { if?: string }).if, 'always()');
    assert.ok(steps.some((s) => s.with?.report_paths === 'gateway-load-results/junit.xml'));
  });
  test('GitLab CI: same script, artifacts kept on failure, JUnit report declared', () => {
    const ci = parse(readFileSync(join(dir, 'gitlab-ci.yml'), 'utf8')) as Record<
      string,
      {
        script: string[];
        before_script: string[];
        artifacts: { when: string; paths: string[]; reports: { junit: string } };
      }
    >;
    const job = ci['load-test'];
    assert.ok(job.before_script.some((l) => l.includes('esbuild.mjs')));
    assert.ok(job.script.some((l) => l.includes('bash examples/ci/load-test.sh')));
    assert.equal(job.artifacts.when, 'always');
    assert.ok(job.artifacts.paths.includes('gateway-load-results/report.html'));
    assert.equal(job.artifacts.reports.junit, 'gateway-load-results/junit.xml');
  });
  test('the script and the scenario they run exist and the scenario is valid YAML with thresholds', () => {
    assert.match(readFileSync(join(dir, 'load-test.sh'), 'utf8'), /^#!\/usr\/bin\/env bash/);
    const scn = parse(readFileSync(join(dir, 'smoke.load.yaml'), 'utf8')) as {
      target: { baseUrl: string };
      thresholds: Record<string, unknown>;
    };
    assert.match(scn.target.baseUrl, /\$\{env:GATEWAY_URL/);
    assert.ok(Object.keys(scn.thresholds).length >= 2);
  });
});

test('GitHub Actions: every action is pinned by a full commit SHA, with its release in a comment', () => {
  const text = readFileSync(join(__dirname, '..', '..', '..', 'examples', 'ci', 'github-actions.yml'), 'utf8');
  const uses = [...text.matchAll(/uses:\s*(\S+)(.*)$/gm)];
  assert.ok(uses.length >= 5);
  for (const [, ref, rest] of uses) {
    assert.match(ref, /^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/, `${ref} is not pinned by commit`);
    assert.match(rest, /# v\d+\.\d+\.\d+$/, `${ref} names no release`);
  }
});

test('load-test.sh: no unquoted expansion outside comments and arithmetic', () => {
  const text = readFileSync(join(__dirname, '..', '..', '..', 'examples', 'ci', 'load-test.sh'), 'utf8');
  const bad: string[] = [];
  text.split('\n').forEach((line, n) => {
    if (/^\s*#/.test(line)) return;
    // A small shell scanner: double quotes, single quotes, $( … ) (quoting restarts inside), (( … )).
    const stack: Array<'dq' | 'cs'> = [];
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      const top = stack.at(-1);
      if (c === '\\') {
        i++;
        continue;
      }
      if (top !== 'dq' && c === "'") {
        i = line.indexOf("'", i + 1);
        if (i < 0) break;
        continue;
      }
      if (top !== 'dq' && c === '#' && (i === 0 || /\s/.test(line[i - 1]))) break;
      if (c === '"') {
        if (top === 'dq') stack.pop();
        else stack.push('dq');
        continue;
      }
      if (c === '$' && line[i + 1] === '(' && line[i + 2] !== '(') {
        stack.push('cs');
        i++;
        continue;
      }
      if (c === ')' && top === 'cs') {
        stack.pop();
        continue;
      }
      if (top !== 'dq' && line.startsWith('((', i)) {
        const end = line.indexOf('))', i);
        if (end > 0) {
          i = end + 1;
          continue;
        }
      }
      if (c === '$' && top !== 'dq' && /[\w{@*#?!]/.test(line[i + 1] ?? '')) {
        bad.push(`${n + 1}: ${line.trim()}`);
        break;
      }
    }
  });
  assert.deepEqual(bad, []);
});
