// "Rebuild segments and funnel": every generated tab rebuilt from what the sheet holds now, under the document lock,
// with progress toasts and a short summary. Generated tabs of the tab registry (src/domain/tabs.ts, kind
// 'generated') are rebuilt from their `render`; tabs whose number depends on data (one per segment) come from the
// builders below. A feature adds its tabs by a registry entry or by a builder here.
import { segText } from '../domain/segments/messages';
import { type GeneratedTabSpec, type RenderEnv, TAB_REGISTRY } from '../domain/tabs';
import { withDocumentLock } from '../services/env';
import { toast } from '../services/ui';
import { readRenderEnv } from '../sheets/renderEnv';
import { rebuildRegistryTab } from '../sheets/segments';
import type { Ctx } from './context';
import { refreshAbcClasses } from './funnel';
import { buildSegments } from './segments';

/** Builds a family of generated tabs; returns the sentences of its part of the summary. */
export interface GeneratedBuilder {
  key: string;
  build(ctx: Ctx, env: RenderEnv, say: (message: string) => void): string[];
}

/** The registry's generated tabs (funnel and the like), rebuilt from their render. */
export const REGISTRY_TABS: GeneratedBuilder = {
  key: 'registry',
  build(ctx, env) {
    const names: string[] = [];
    TAB_REGISTRY.forEach((spec, index) => {
      if (spec.kind !== 'generated') return;
      names.push(rebuildRegistryTab(ctx.ss, spec as GeneratedTabSpec, spec.render(env), ctx.lang, index));
    });
    return names.length ? [segText(ctx.lang, 'rebuild.generated', { tabs: names.join(', ') })] : [];
  },
};

export const SEGMENT_TABS: GeneratedBuilder = {
  key: 'segments',
  build(ctx, env, say) {
    const r = buildSegments(ctx, env, say);
    const lines = [segText(ctx.lang, 'rebuild.segments', { built: r.built, errors: r.errors, off: r.off })];
    if (r.removed.length) lines.push(segText(ctx.lang, 'rebuild.removed', { tabs: r.removed.join(', ') }));
    if (r.kept.length) lines.push(segText(ctx.lang, 'rebuild.kept', { tabs: r.kept.join(', ') }));
    return lines;
  },
};

/** The clients' ABC classes from their totals as they are (the nightly recompute refreshes them too). */
export const ABC_CLASSES: GeneratedBuilder = {
  key: 'abc',
  build: (ctx) => [refreshAbcClasses(ctx)],
};

/** What the rebuild walks, in order. Setup runs all but the registry's tabs (setup renders those itself). */
export const GENERATED_BUILDERS: GeneratedBuilder[] = [REGISTRY_TABS, SEGMENT_TABS, ABC_CLASSES];

/** Runs the builders with the render environment read from the sheet now; returns the summary sentences. */
export function runBuilders(
  ctx: Ctx,
  say: (message: string) => void,
  builders: GeneratedBuilder[] = GENERATED_BUILDERS,
): string[] {
  const env = readRenderEnv(ctx.ss, ctx);
  return builders.flatMap((b) => b.build(ctx, env, say));
}

/** The menu entry and the global `rebuildSegments()`: progress toasts, a summary toast, the summary returned. */
export function rebuildSegments(ctx: Ctx, progress?: (message: string) => void) {
  return withDocumentLock(30000, () => {
    const say = progress ?? ((m: string) => toast(ctx.lang, m));
    say(segText(ctx.lang, 'rebuild.started'));
    const lines = runBuilders(ctx, say);
    const message = [segText(ctx.lang, 'rebuild.done'), ...lines].join(' ');
    say(message);
    return { ok: true as const, message, summary: lines };
  });
}
