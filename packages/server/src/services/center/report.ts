import {
  CENTER_QUALITY_PAGE_SIZE,
  centerQualityIssues,
  type CenterQualityFilter,
  type CenterQualityIssue,
  type CenterQualityPage,
  type CenterReport,
  type CenterReportFilter,
  type CenterService,
  type FlaggedCenter,
} from '@openesia/contracts';
import type { Db } from '../../db/client.js';
import { tallyCenters, type CenterTallyFilter } from '../../domain/center/report.js';
import type { Actor, RegionalOperatorActor } from '../../domain/policy/actor.js';
import { assertAllowed } from '../../domain/policy/policy.js';
import { moscowToday } from '../../domain/shared/moscow-time.js';
import type { Clock } from '../../lib/clock.js';
import {
  countCenterGroups,
  listQualityCandidates,
  type CenterReportScope,
} from '../../repositories/center/report.js';
import type { Geography } from '../../lib/geography.js';
import { qualityOf } from './quality.js';
import { CSV_TYPE, reportCsv, reportXlsx, XLSX_TYPE } from './report-files.js';

/** A file to save: its bytes, type and name. */
export interface ReportFile {
  bytes: Buffer;
  type: string;
  fileName: string;
}

/** How many centers the data-quality check reads at once. */
const QUALITY_BATCH = 1000;

const collator = new Intl.Collator('ru', { sensitivity: 'base', numeric: true });

/**
 * «Отчёт ЕСИА» about service centers (issue 11, item 4; seed 004, step 5: «На карте ЕСИА и в
 * отчёте ЕСИА добавлен новый ЦО»): the regional operator's region by organization, the federal
 * operator's country by region or one region by organization, filtered by status and service,
 * as JSON, CSV and XLSX; and the centers of the region (or the country) that the data-quality
 * check flags (item 5: «Все данные организации должны быть указаны верно»), paged. Read-only: no
 * transaction, no audit entry.
 */
export class CenterReportService {
  constructor(private readonly deps: { db: Db; clock: Clock; geo: Geography }) {}

  // ---- access ----

  /**
   * The regional operator's own region: the only one it reports on; another region asked for is
   * refused (auth.forbidden), as the policy's own-region rule refuses it everywhere.
   */
  private region(actor: Actor, asked: string | undefined): string {
    assertAllowed(actor, 'center.report_regional');
    const regionCode = asked ?? (actor as RegionalOperatorActor).regionCode;
    assertAllowed(actor, 'center.report_regional', { regionCode });
    return regionCode;
  }

  // ---- the report ----

  private async report(
    scope: CenterReportScope,
    filter: { status?: CenterTallyFilter['status']; service?: CenterService },
  ): Promise<CenterReport> {
    const groups = await countCenterGroups(this.deps.db, scope, {
      // «На карте» is among the active centers; the rest of its rule is the domain's
      status: filter.status === 'on_map' ? 'active' : filter.status,
      service: filter.service,
    });
    const tally = tallyCenters(groups, filter);
    const regional = scope !== 'all';
    return {
      regionCode: regional ? scope.regionCode : null,
      filter: { status: filter.status ?? null, service: filter.service ?? null },
      totals: tally.totals,
      byService: tally.byService,
      byRegion: regional ? null : tally.byRegion,
      byOrganization: regional ? tally.byOrganization : null,
    };
  }

  private async files(report: CenterReport, kind: 'csv' | 'xlsx'): Promise<ReportFile> {
    const today = moscowToday(this.deps.clock.now());
    const where = report.regionCode ?? 'все регионы';
    const fileName = `Центры обслуживания — ${where} — ${today}.${kind}`;
    return kind === 'csv'
      ? { bytes: reportCsv(report), type: CSV_TYPE, fileName }
      : { bytes: await reportXlsx(report, today), type: XLSX_TYPE, fileName };
  }

  /** The operator's region, by organization. */
  async regional(actor: Actor, filter: CenterReportFilter): Promise<CenterReport> {
    const regionCode = this.region(actor, filter.region);
    return this.report({ regionCode }, filter);
  }

  async regionalFile(actor: Actor, filter: CenterReportFilter, kind: 'csv' | 'xlsx'): Promise<ReportFile> {
    return this.files(await this.regional(actor, filter), kind);
  }

  /** Every region; with `region`, that region by organization. */
  async federal(actor: Actor, filter: CenterReportFilter): Promise<CenterReport> {
    assertAllowed(actor, 'center.report_federal');
    return this.report(filter.region ? { regionCode: filter.region } : 'all', filter);
  }

  async federalFile(actor: Actor, filter: CenterReportFilter, kind: 'csv' | 'xlsx'): Promise<ReportFile> {
    return this.files(await this.federal(actor, filter), kind);
  }

  // ---- data quality ----

  /**
   * The flagged centers of the scope, by region, organization and name, one page of them. The
   * check is services/center/quality.ts's, run over the scope in batches by primary key (a phone's
   * range and a point's region are not questions SQL can answer), so the counts are of the whole
   * scope, not of the page.
   */
  private async quality(
    scope: CenterReportScope,
    query: { issue?: CenterQualityIssue; page: number },
  ): Promise<CenterQualityPage> {
    const { db, geo } = this.deps;
    const byIssue = Object.fromEntries(centerQualityIssues.map((i) => [i, 0])) as Record<
      CenterQualityIssue,
      number
    >;
    const flagged: FlaggedCenter[] = [];
    let checked = 0;
    let after: string | null = null;
    for (;;) {
      const batch = await listQualityCandidates(db, scope, after, QUALITY_BATCH);
      if (!batch.length) break;
      const issues = await qualityOf(db, geo, batch);
      for (const c of batch) {
        checked++;
        const found = issues.get(c.id) ?? [];
        found.forEach((i) => byIssue[i]++);
        if (!found.length || (query.issue && !found.includes(query.issue))) continue;
        flagged.push({
          id: c.id,
          name: c.name,
          regionCode: c.regionCode,
          address: c.address,
          status: c.status,
          organizationId: c.organizationId,
          organizationShortName: c.organizationShortName,
          issues: found,
        });
      }
      if (batch.length < QUALITY_BATCH) break;
      after = batch.at(-1)!.id;
    }
    flagged.sort(
      (a, b) =>
        a.regionCode.localeCompare(b.regionCode) ||
        collator.compare(a.organizationShortName, b.organizationShortName) ||
        collator.compare(a.name, b.name) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    const start = (query.page - 1) * CENTER_QUALITY_PAGE_SIZE;
    return {
      regionCode: scope === 'all' ? null : scope.regionCode,
      checked,
      flagged: flagged.length,
      byIssue,
      page: query.page,
      pageSize: CENTER_QUALITY_PAGE_SIZE,
      centers: flagged.slice(start, start + CENTER_QUALITY_PAGE_SIZE),
    };
  }

  /** The regional operator's region: the centers there whose data look wrong. */
  async regionalQuality(actor: Actor, query: CenterQualityFilter): Promise<CenterQualityPage> {
    const regionCode = this.region(actor, query.region);
    return this.quality({ regionCode }, query);
  }

  /** The country, or one region. */
  async federalQuality(actor: Actor, query: CenterQualityFilter): Promise<CenterQualityPage> {
    assertAllowed(actor, 'center.report_federal');
    return this.quality(query.region ? { regionCode: query.region } : 'all', query);
  }
}
