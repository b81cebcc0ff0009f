import ExcelJS from 'exceljs';
import {
  centerReportStatusLabels,
  centerServiceLabels,
  centerServices,
  regionNames,
  type CenterCounts,
  type CenterReport,
  type CenterReportRowCounts,
  type RegionCode,
} from '@openesia/contracts';

/**
 * The centers' report as files (issue 11, item 4): CSV as Russian Excel opens it (UTF-8 with a
 * byte-order mark, «;» between values, every text quoted) and XLSX (exceljs). Both hold the page's
 * main table — regions, or a region's organizations — with a total row; the XLSX adds the table
 * by service on a second sheet.
 */

export const CSV_TYPE = 'text/csv; charset=utf-8';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** null: an empty cell */
type Cell = string | number | null;

interface Column<R> {
  header: string;
  width: number;
  value(row: R): Cell;
}

const countColumns = <R extends CenterReportRowCounts>(): Column<R>[] => [
  { header: 'Центров всего', width: 14, value: (r) => r.total },
  { header: 'Действующих', width: 14, value: (r) => r.active },
  { header: 'Недействующих', width: 15, value: (r) => r.inactive },
  { header: 'На карте', width: 11, value: (r) => r.onMap },
  ...centerServices.map((s): Column<R> => ({
    header: `Услуга «${centerServiceLabels[s]}»`,
    width: 16,
    value: (r) => r.services[s],
  })),
];

type RegionRow = NonNullable<CenterReport['byRegion']>[number];
type OrganizationRow = NonNullable<CenterReport['byOrganization']>[number];

const regionColumns: Column<RegionRow>[] = [
  { header: 'Код региона', width: 8, value: (r) => r.regionCode },
  { header: 'Регион', width: 40, value: (r) => regionNames[r.regionCode as RegionCode] ?? r.regionCode },
  { header: 'Организаций с центрами', width: 14, value: (r) => r.organizations },
  ...countColumns<RegionRow>(),
];

const organizationColumns: Column<OrganizationRow>[] = [
  { header: 'Организация', width: 48, value: (r) => r.shortName },
  // text, not a number: 13 digits would be rounded and shown in exponent form
  { header: 'ОГРН', width: 16, value: (r) => r.ogrn },
  { header: 'Заблокирована', width: 14, value: (r) => (r.blocked ? 'Да' : 'Нет') },
  ...countColumns<OrganizationRow>(),
];

/** The page's main table: the regions, or the region's organizations, with a total row. */
function mainTable(report: CenterReport): { headers: string[]; widths: number[]; rows: Cell[][] } {
  const totals: CenterReportRowCounts = {
    ...report.totals,
    services: Object.fromEntries(
      report.byService.map((s) => [s.service, s.total]),
    ) as CenterReportRowCounts['services'],
  };
  const table = <R>(columns: Column<R>[], rows: R[], lead: number) => ({
    headers: columns.map((c) => c.header),
    widths: columns.map((c) => c.width),
    rows: [
      ...rows.map((r) => columns.map((c) => c.value(r))),
      [
        'Итого',
        ...Array.from({ length: lead - 1 }, () => null),
        ...countColumns<CenterReportRowCounts>().map((c) => c.value(totals)),
      ],
    ],
  });
  if (report.byOrganization) return table(organizationColumns, report.byOrganization, 3);
  const regions = report.byRegion ?? [];
  const organizations = regions.reduce((n, r) => n + r.organizations, 0);
  const t = table(regionColumns, regions, 3);
  t.rows.at(-1)![2] = organizations;
  return t;
}

/** What the file covers, in words: the region and the filter. */
export function reportTitle(report: CenterReport): string {
  const where = report.regionCode
    ? `${regionNames[report.regionCode as RegionCode] ?? report.regionCode} (код ${report.regionCode})`
    : 'все регионы';
  return `Центры обслуживания: ${where}`;
}

export function filterText(filter: CenterReport['filter']): string {
  const parts = [
    filter.status ? `статус «${centerReportStatusLabels[filter.status]}»` : 'все статусы',
    filter.service ? `услуга «${centerServiceLabels[filter.service]}»` : 'все услуги',
  ];
  return `Отбор: ${parts.join('; ')}.`;
}

/**
 * One CSV value: numbers as they are, text in double quotes with its quotes doubled (RFC 4180);
 * text a spreadsheet would run as a formula (=, +, -, @ first: an organization's name is typed by
 * people) starts with an apostrophe, as OWASP's advice on CSV injection says.
 */
function csvValue(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** The main table as CSV for Russian Excel: BOM, «;», CRLF, the header row first. */
export function reportCsv(report: CenterReport): Buffer {
  const { headers, rows } = mainTable(report);
  const lines = [headers, ...rows].map((r) => r.map(csvValue).join(';'));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

function writeTable(
  sheet: ExcelJS.Worksheet,
  headerRow: number,
  table: { headers: string[]; widths: number[]; rows: Cell[][] },
  options: { totalRow: boolean },
) {
  table.headers.forEach((header, i) => {
    sheet.getColumn(i + 1).width = table.widths[i];
    const cell = sheet.getCell(headerRow, i + 1);
    cell.value = header;
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: 'top' };
  });
  table.rows.forEach((row, r) =>
    row.forEach((value, i) => {
      sheet.getCell(headerRow + 1 + r, i + 1).value = value;
    }),
  );
  if (options.totalRow) sheet.getRow(headerRow + table.rows.length).font = { bold: true };
}

function heading(sheet: ExcelJS.Worksheet, title: string, today: string, filter: string) {
  sheet.getCell('A1').value = title;
  sheet.getCell('A1').font = { bold: true, size: 14 };
  sheet.getCell('A2').value = 'Дата выгрузки';
  sheet.getCell('B2').value = new Date(`${today}T00:00:00Z`);
  sheet.getCell('B2').numFmt = 'dd.mm.yyyy';
  sheet.getCell('A3').value = filter;
}

/** The report as XLSX: the main table with totals, and the centers by service on a second sheet. */
export async function reportXlsx(report: CenterReport, today: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'OpenESIA';
  workbook.created = new Date(`${today}T00:00:00Z`);
  const headerRow = 5;
  const main = workbook.addWorksheet(report.byOrganization ? 'По организациям' : 'По регионам', {
    views: [{ state: 'frozen', ySplit: headerRow }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  heading(main, reportTitle(report), today, filterText(report.filter));
  const table = mainTable(report);
  writeTable(main, headerRow, table, { totalRow: true });
  main.autoFilter = {
    from: { row: headerRow, column: 1 },
    to: { row: headerRow + Math.max(table.rows.length - 1, 1), column: table.headers.length },
  };

  const byService = workbook.addWorksheet('По услугам', { views: [{ state: 'frozen', ySplit: headerRow }] });
  heading(byService, reportTitle(report), today, filterText(report.filter));
  const serviceColumns: Column<CenterCounts & { service: string }>[] = [
    { header: 'Услуга', width: 20, value: (r) => r.service },
    { header: 'Центров, оказывающих услугу', width: 16, value: (r) => r.total },
    { header: 'Действующих', width: 14, value: (r) => r.active },
    { header: 'Недействующих', width: 15, value: (r) => r.inactive },
    { header: 'На карте с этой услугой', width: 16, value: (r) => r.onMap },
  ];
  writeTable(
    byService,
    headerRow,
    {
      headers: serviceColumns.map((c) => c.header),
      widths: serviceColumns.map((c) => c.width),
      rows: report.byService.map((s) =>
        serviceColumns.map((c) => c.value({ ...s, service: centerServiceLabels[s.service] })),
      ),
    },
    { totalRow: false },
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
