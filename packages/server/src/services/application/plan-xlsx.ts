import ExcelJS from 'exceljs';
import {
  organizationStatusLabels,
  organizationTypeLabels,
  planEventSteps,
  planGapLabels,
  planStageLabels,
  planStepInfo,
  regionNames,
  type PlanEventStep,
  type PlanSortKey,
  type PlanTableFilter,
  type PlanTableRow,
  type RegionCode,
} from '@openesia/contracts';
import { moscowToday } from '../../domain/shared/moscow-time.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The Moscow calendar day of an instant, as the date Excel shows (a serial day, no time). */
function excelDay(instant: Date): Date {
  return isoDay(moscowToday(instant));
}

function isoDay(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

const dateFormat = 'dd.mm.yyyy';

const sortLabels: Record<PlanSortKey, string> = {
  name: 'по наименованию',
  stage: 'по этапу',
  ...(Object.fromEntries(
    planEventSteps.map((s) => [s, `по дате события «${planStepInfo[s].event}»`]),
  ) as Record<PlanEventStep, string>),
};

/** The filter in words, so the file says which rows it holds. */
function filterText(filter: PlanTableFilter): string {
  const parts = [
    filter.stage ? `этап «${planStageLabels[filter.stage]}»` : 'все этапы',
    ...(filter.overdue === true ? ['только просроченные'] : []),
    ...(filter.overdue === false ? ['без просроченных'] : []),
    ...(filter.q ? [`поиск «${filter.q}»`] : []),
  ];
  const order = `${sortLabels[filter.sort]}, ${filter.order === 'desc' ? 'по убыванию' : 'по возрастанию'}`;
  return `Отбор: ${parts.join('; ')}. Сортировка: ${order}.`;
}

interface Column {
  header: string;
  width: number;
  value(row: WorkbookRow, index: number): ExcelJS.CellValue;
  date?: boolean;
}

type WorkbookRow = Omit<PlanTableRow, 'events'> & { events: Record<PlanEventStep, Date | null> };

const columns: Column[] = [
  { header: '№', width: 6, value: (_, i) => i + 1 },
  { header: 'Краткое наименование', width: 36, value: (r) => r.shortName },
  { header: 'Полное наименование', width: 60, value: (r) => r.fullName },
  // as text: 13 digits would turn into a rounded number in Excel
  { header: 'ОГРН', width: 16, value: (r) => r.ogrn },
  { header: 'ИНН', width: 13, value: (r) => r.inn },
  { header: 'Тип органа (организации)', width: 34, value: (r) => organizationTypeLabels[r.type] },
  { header: 'Статус регистрации', width: 26, value: (r) => organizationStatusLabels[r.status] },
  { header: 'Этап плана', width: 26, value: (r) => planStageLabels[r.stage] },
  ...planEventSteps.map((s): Column => ({
    header: `Контрольное событие ${planStepInfo[s].number}: ${planStepInfo[s].event}`,
    width: 22,
    date: true,
    value: (r) => (r.events[s] ? excelDay(r.events[s]) : null),
  })),
  {
    header: 'Не хватает для следующего контрольного события',
    width: 70,
    value: (r) => r.missing.map((g) => planGapLabels[g]).join('; ') || null,
  },
  { header: 'Просрочено', width: 12, value: (r) => (r.overdue ? 'Да' : 'Нет') },
];

/**
 * The region's opening-plan table as an XLSX workbook, exactly the rows and order the page shows
 * under `filter`: Russian headers, control-event dates as real Excel dates (the Moscow day),
 * column widths, the header row frozen and an autofilter over the table.
 */
export async function planWorkbook(input: {
  regionCode: string;
  deadline: string | null;
  today: string;
  filter: PlanTableFilter;
  rows: WorkbookRow[];
}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'OpenESIA';
  workbook.created = isoDay(input.today);
  const sheet = workbook.addWorksheet('План открытия ЦО', {
    views: [{ state: 'frozen', ySplit: 5 }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const region = regionNames[input.regionCode as RegionCode] ?? input.regionCode;
  sheet.getCell('A1').value = `План открытия центров обслуживания: ${region} (код ${input.regionCode})`;
  sheet.getCell('A1').font = { bold: true, size: 14 };
  sheet.getCell('A2').value = 'Дата выгрузки';
  sheet.getCell('B2').value = isoDay(input.today);
  sheet.getCell('B2').numFmt = dateFormat;
  sheet.getCell('A3').value = 'Срок';
  if (input.deadline) {
    sheet.getCell('B3').value = isoDay(input.deadline);
    sheet.getCell('B3').numFmt = dateFormat;
  } else sheet.getCell('B3').value = 'не установлен';
  sheet.getCell('A4').value = filterText(input.filter);

  const headerRow = 5;
  columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = c.width;
    const cell = sheet.getCell(headerRow, i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: 'top' };
  });
  input.rows.forEach((row, r) => {
    columns.forEach((c, i) => {
      const cell = sheet.getCell(headerRow + 1 + r, i + 1);
      cell.value = c.value(row, r);
      if (c.date) cell.numFmt = dateFormat;
      if (i === columns.length - 2) cell.alignment = { wrapText: true, vertical: 'top' };
    });
  });
  sheet.autoFilter = {
    from: { row: headerRow, column: 1 },
    to: { row: headerRow + Math.max(input.rows.length, 1), column: columns.length },
  };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
