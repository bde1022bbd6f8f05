// Technician (all, one or several), From/To (local days, both included) and presets.
import { t } from '../../platform/i18n';
import type { ReportFilter } from '../../shared/reports/types';
import { PRESETS, localZone, presetRange, todayIn, type Preset } from '../../shared/reports/zone';
import { keyLabel } from './format';

const PRESET_KEYS: Record<Preset, string> = { today: 'rpToday', last7: 'rpLast7', last30: 'rpLast30', month: 'rpThisMonth', all: 'rpAllTime' };

export function Filters({ filter, technicians, onChange }: { filter: ReportFilter; technicians: string[]; onChange: (f: ReportFilter) => void }) {
  const selected = new Set(filter.technicians ?? []);
  const toggle = (tech: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(tech);
    else next.delete(tech);
    onChange({ ...filter, technicians: [...next] });
  };
  const setDay = (key: 'from' | 'to', value: string) => {
    const f = { ...filter };
    if (value) f[key] = value;
    else delete f[key];
    onChange(f);
  };
  const today = todayIn(localZone);
  const active = PRESETS.find((p) => {
    const r = presetRange(p, today);
    return (r.from ?? '') === (filter.from ?? '') && (r.to ?? '') === (filter.to ?? '');
  });
  return (
    <form class="filters" aria-label={t('rpFilters')} onSubmit={(e) => e.preventDefault()}>
      <fieldset class="techs">
        <legend>{t('rpTechnician')}</legend>
        <label class="inline">
          <input type="checkbox" checked={!selected.size} onChange={() => onChange({ ...filter, technicians: [] })} />
          {t('rpAllTechnicians')}
        </label>
        {technicians.map((tech) => (
          <label class="inline" key={tech}>
            <input type="checkbox" checked={selected.has(tech)} onChange={(e) => toggle(tech, (e.target as HTMLInputElement).checked)} />
            {keyLabel(tech, true)}
          </label>
        ))}
      </fieldset>
      <div>
        <label for="kind">{t('rpKind')}</label>
        <select id="kind" data-testid="kind-filter" value={filter.kind ?? ''}
          onChange={(e) => {
            const v = (e.target as HTMLSelectElement).value;
            const f = { ...filter };
            if (v === 'service' || v === 'device') f.kind = v;
            else delete f.kind;
            onChange(f);
          }}>
          <option value="">{t('rpAllKinds')}</option>
          <option value="service">{t('rpKind_service')}</option>
          <option value="device">{t('rpKind_device')}</option>
        </select>
      </div>
      <div class="dates">
        <div>
          <label for="from">{t('rpFrom')}</label>
          <input id="from" type="date" value={filter.from ?? ''} max={filter.to} onChange={(e) => setDay('from', (e.target as HTMLInputElement).value)} />
        </div>
        <div>
          <label for="to">{t('rpTo')}</label>
          <input id="to" type="date" value={filter.to ?? ''} min={filter.from} onChange={(e) => setDay('to', (e.target as HTMLInputElement).value)} />
        </div>
        <fieldset class="presets">
          <legend>{t('rpPeriod')}</legend>
          {PRESETS.map((p) => (
            <button type="button" key={p} aria-pressed={active === p} onClick={() => onChange({ ...filter, from: undefined, to: undefined, ...presetRange(p, today) })}>
              {t(PRESET_KEYS[p])}
            </button>
          ))}
        </fieldset>
      </div>
    </form>
  );
}
