// Every visible label the built-in profiles look for is either shown by the demo desk (so the e2e
// suite exercises it) or listed here as documented-but-not-in-the-demo, on purpose.
import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { BUILTIN_LABELS, BUILTIN_PROFILES } from '../src/shared/profile/builtin';

const DESK_FILES = ['app.js', 'index.html'].map((f) => readFileSync(new URL(`../e2e/desk/${f}`, import.meta.url), 'utf8'));
/** The demo desk writes its labels as string literals in its STRINGS table. */
const inDemo = (label: string) => DESK_FILES.some((src) => src.includes(`'${label}'`) || src.includes(`"${label}"`));

/** Labels BOSS documentation or other BOSS versions use that the demo desk does not show. */
const DOCUMENTED_NOT_IN_DEMO = new Set([
  'Ticket number', 'Title', 'Título',
  'Categoria', 'Ticket type', 'Tipo de ticket', 'Origin',
  'Requested by', 'Requester name', 'Nombre del solicitante',
  'Requester e-mail', 'Correo electrónico del solicitante', 'Email', 'Correo electrónico',
  'Assigned to', 'Assignee', 'Técnico asignado', 'Asignado a', 'Agent', 'Agente',
]);

const ALL = Object.entries(BUILTIN_LABELS).flatMap(([field, labels]) => labels.map((label) => ({ field, label })));

describe('built-in labels', () => {
  it('each one is shown by the demo desk or listed as documented but not in the demo', () => {
    const unaccounted = ALL.filter(({ label }) => !inDemo(label) && !DOCUMENTED_NOT_IN_DEMO.has(label));
    expect(unaccounted).toEqual([]);
  });

  it('the "not in the demo" list is exact: no label that the demo shows, none that is not built in', () => {
    const builtIn = new Set(ALL.map((x) => x.label));
    expect([...DOCUMENTED_NOT_IN_DEMO].filter((l) => inDemo(l))).toEqual([]);
    expect([...DOCUMENTED_NOT_IN_DEMO].filter((l) => !builtIn.has(l))).toEqual([]);
  });

  it('technicians are also found as agents (BOSSDesk documentation), in English and Spanish', () => {
    expect(BUILTIN_LABELS.technician).toEqual(expect.arrayContaining(['Agent', 'Assigned agent', 'Agente', 'Agente asignado']));
    expect(inDemo('Assigned agent') && inDemo('Agente asignado')).toBe(true);
  });

  it('the built-in profiles take their labels from that one table', () => {
    for (const p of BUILTIN_PROFILES) {
      for (const [field, rule] of Object.entries(p.fields)) {
        if (rule?.labels) expect(rule.labels, `${p.id}.${field}`).toBe(BUILTIN_LABELS[field as keyof typeof BUILTIN_LABELS]);
      }
    }
  });
});
