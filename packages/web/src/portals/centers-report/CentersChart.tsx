import { Box, Group, Text } from '@mantine/core';
import type { CenterCounts } from '@openesia/contracts';
import { useId } from 'react';

/** The three parts of a bar, in order: on the map, active but not on it, inactive. */
const parts = [
  { key: 'onMap', label: 'На карте', color: 'var(--mantine-color-green-7)' },
  { key: 'hidden', label: 'Действующий, не на карте', color: 'var(--mantine-color-orange-5)' },
  { key: 'inactive', label: 'Недействующий', color: 'var(--mantine-color-gray-5)' },
] as const;

function split(c: CenterCounts): Record<(typeof parts)[number]['key'], number> {
  return { onMap: c.onMap, hidden: c.active - c.onMap, inactive: c.inactive };
}

export interface ChartRow extends CenterCounts {
  key: string;
  label: string;
}

interface Layout {
  width: number;
  row: number;
  /** where a bar starts, and how far it may run */
  barX: number;
  bar: number;
  /** the label beside the bar (wide), or above it (narrow) */
  labelBeside: boolean;
  maxLabel: number;
}

/** Beside the bars on a wide screen; above them on a phone, where a shrunk chart would be unreadable. */
const wide: Layout = { width: 630, row: 28, barX: 240, bar: 320, labelBeside: true, maxLabel: 30 };
const narrow: Layout = { width: 340, row: 46, barX: 0, bar: 290, labelBeside: false, maxLabel: 44 };

function Bars({ rows, title, layout }: { rows: ChartRow[]; title: string; layout: Layout }) {
  const id = useId();
  const max = Math.max(1, ...rows.map((r) => r.total));
  const height = rows.length * layout.row + 10;
  const short = (label: string) =>
    label.length > layout.maxLabel ? `${label.slice(0, layout.maxLabel - 1)}…` : label;
  return (
    <svg
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      viewBox={`0 0 ${layout.width} ${height}`}
      width="100%"
      style={{ maxWidth: layout.labelBeside ? 780 : 420, display: 'block' }}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>
        {rows
          .map(
            (r) =>
              `${r.label}: всего ${r.total}, на карте ${r.onMap}, действующих не на карте ${
                r.active - r.onMap
              }, недействующих ${r.inactive}`,
          )
          .join('; ')}
      </desc>
      {rows.map((r, i) => {
        const y = 5 + i * layout.row;
        const barY = layout.labelBeside ? y + 4 : y + 20;
        const barHeight = layout.labelBeside ? layout.row - 8 : 18;
        const values = split(r);
        let x = layout.barX;
        return (
          <g key={r.key} aria-hidden="true">
            <text
              x={layout.labelBeside ? layout.barX - 8 : 0}
              y={layout.labelBeside ? y + layout.row / 2 : y + 10}
              textAnchor={layout.labelBeside ? 'end' : 'start'}
              dominantBaseline="middle"
              fontSize={13}
            >
              {short(r.label)}
            </text>
            {parts.map((p) => {
              const width = (values[p.key] / max) * layout.bar;
              const rect = (
                <rect key={p.key} x={x} y={barY} width={width} height={barHeight} fill={p.color} />
              );
              x += width;
              return rect;
            })}
            <text x={x + 6} y={barY + barHeight / 2} dominantBaseline="middle" fontSize={13}>
              {r.total}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/**
 * Centers by status as horizontal stacked bars, one per row (a region, an organization, a
 * service): on the map, active but off the map, inactive. An SVG with a title and a description
 * that reads every figure, so a screen reader hears what the bars show; the same figures are in
 * the table beside it. A phone gets the labels above the bars (the other drawing is not rendered
 * for it: display none keeps it out of the accessibility tree too).
 */
export function CentersChart({ rows, title }: { rows: ChartRow[]; title: string }) {
  return (
    <figure style={{ margin: 0 }}>
      <Group gap="md" mb={4} aria-hidden="true" wrap="wrap">
        {parts.map((p) => (
          <Group key={p.key} gap={6} wrap="nowrap">
            <svg width="14" height="14" aria-hidden="true">
              <rect width="14" height="14" rx="2" fill={p.color} />
            </svg>
            <Text size="xs">{p.label}</Text>
          </Group>
        ))}
      </Group>
      <Box visibleFrom="sm">
        <Bars rows={rows} title={title} layout={wide} />
      </Box>
      <Box hiddenFrom="sm">
        <Bars rows={rows} title={title} layout={narrow} />
      </Box>
    </figure>
  );
}
