import { planStageLabels, planStages, type PlanStage } from '@openesia/contracts';
import { useId } from 'react';
import { stageColor } from './texts';

const ROW = 30;
const LABEL = 230;
const BAR = 330;
const WIDTH = LABEL + BAR + 60;

/**
 * Organizations by stage of the plan as horizontal bars: an SVG with its title and a description
 * that reads every figure, so a screen reader hears what the bars show (the same figures are in
 * the table below it).
 */
export function StageChart({ byStage, title }: { byStage: Record<PlanStage, number>; title: string }) {
  const id = useId();
  const max = Math.max(1, ...planStages.map((s) => byStage[s]));
  const height = planStages.length * ROW + 10;
  return (
    <figure style={{ margin: 0 }}>
      <svg
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        style={{ maxWidth: 760, display: 'block' }}
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>
          {planStages.map((s) => `${planStageLabels[s]}: ${byStage[s]}`).join('; ')}
        </desc>
        {planStages.map((s, i) => {
          const y = 5 + i * ROW;
          const width = (byStage[s] / max) * BAR;
          return (
            <g key={s} aria-hidden="true">
              <text x={LABEL - 8} y={y + ROW / 2} textAnchor="end" dominantBaseline="middle" fontSize={13}>
                {planStageLabels[s]}
              </text>
              <rect
                x={LABEL}
                y={y + 4}
                width={Math.max(width, byStage[s] ? 2 : 0)}
                height={ROW - 8}
                rx={3}
                fill={`var(--mantine-color-${stageColor[s]}-6)`}
              />
              <text x={LABEL + width + 6} y={y + ROW / 2} dominantBaseline="middle" fontSize={13}>
                {byStage[s]}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
