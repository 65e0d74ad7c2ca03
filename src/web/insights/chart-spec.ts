/** What a chart draws: plain data, so the page can build it without loading the chart library. */
export type ChartSpec =
  | {
      kind: 'interval';
      rows: { label: string; share: number | null; lower: number | null; upper: number | null }[];
      /** A reference share, e.g. the trust's figure beside each school's. */
      reference?: number | null;
      referenceLabel?: string;
    }
  | { kind: 'bars'; rows: { label: string; value: number }[] };
