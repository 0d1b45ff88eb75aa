// New Scenario: pick a template (baseline, stress, breakpoint, spike, soak, …) and get a file.
//
// Test-facing: `gatewayLoad.newScenario(templateId?, target?)`: `target` is a path or Uri of the
// file to write (`'untitled'` for an untitled editor); with both given nothing is asked. Resolves
// with the new document's Uri (undefined when cancelled).

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SCENARIO_TEMPLATES } from '../scenario/index';
import { asUri } from './workspace-paths';

type Template = (typeof SCENARIO_TEMPLATES)[number];

/** Registers New Scenario. */
export function registerNewScenario(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('gatewayLoad.newScenario', (templateId?: unknown, target?: unknown) =>
      newScenario(templateId, target),
    ),
  );
}

async function newScenario(templateId: unknown, target: unknown): Promise<vscode.Uri | undefined> {
  const template =
    typeof templateId === 'string' ? SCENARIO_TEMPLATES.find((t) => t.id === templateId) : await pickTemplate();
  if (typeof templateId === 'string' && !template) {
    throw new Error(
      `Unknown scenario template '${templateId}': use one of ${SCENARIO_TEMPLATES.map((t) => t.id).join(', ')}.`,
    );
  }
  if (!template) return undefined;
  if (target === 'untitled') return openUntitled(template);
  const explicit = asUri(target);
  const file = explicit ?? (await askFile(template));
  if (file === 'untitled') return openUntitled(template);
  if (!file) return undefined;
  await fs.promises.mkdir(path.dirname(file.fsPath), { recursive: true });
  await fs.promises.writeFile(file.fsPath, template.content, { flag: explicit ? 'w' : 'wx' });
  await vscode.window.showTextDocument(file);
  return file;
}

async function pickTemplate(): Promise<Template | undefined> {
  const picked = await vscode.window.showQuickPick(
    SCENARIO_TEMPLATES.map((t) => ({ label: t.label, detail: t.description, template: t })),
    { title: 'Gateway Load: New Scenario — which kind of test?', matchOnDetail: true },
  );
  return picked?.template;
}

async function openUntitled(template: Template): Promise<vscode.Uri> {
  const doc = await vscode.workspace.openTextDocument({ language: 'gateway-load', content: template.content });
  await vscode.window.showTextDocument(doc);
  return doc.uri;
}

/** Asks for a name inside the workspace; without a workspace the scenario opens untitled. */
async function askFile(template: Template): Promise<vscode.Uri | 'untitled' | undefined> {
  const folder = vscode.window.activeTextEditor
    ? (vscode.workspace.getWorkspaceFolder(vscode.window.activeTextEditor.document.uri) ??
      vscode.workspace.workspaceFolders?.[0])
    : vscode.workspace.workspaceFolders?.[0];
  if (!folder) return 'untitled';
  const base = folder.uri.fsPath;
  let suggestion = template.id;
  for (let i = 2; fs.existsSync(path.join(base, `${suggestion}.load.yaml`)); i++) suggestion = `${template.id}-${i}`;
  const name = await vscode.window.showInputBox({
    title: 'Gateway Load: New Scenario — file name',
    prompt: `Saved as <name>.load.yaml in ${folder.name} (a relative path may include folders)`,
    value: suggestion,
    validateInput: (v) => {
      const n = v.trim();
      if (!n) return 'Give a name';
      if (path.isAbsolute(n) || n.split(/[\\/]/).includes('..')) return 'A path inside the workspace folder';
      return fs.existsSync(path.join(base, withExtension(n))) ? `${withExtension(n)} exists already` : undefined;
    },
  });
  if (name === undefined) return undefined;
  return vscode.Uri.file(path.join(base, withExtension(name.trim())));
}

function withExtension(name: string): string {
  return /\.load\.ya?ml$/.test(name) ? name : `${name.replace(/\.ya?ml$/, '')}.load.yaml`;
}
