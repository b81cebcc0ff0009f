import type { InnLookupService } from '../services/citizen/inn-lookup.js';
import type { PersonalDataService } from '../services/citizen/personal-data.js';
import { handleJob, type JobDefinition } from './queue.js';
import { checkPassportJob, checkSnilsJob, findInnJob } from './specs.js';

/** The two automatic registry checks (seed 000, section 1, step 2): each runs one check of one submission. */
export function personalDataCheckJobs(service: PersonalDataService): JobDefinition<any>[] {
  return [
    handleJob(checkSnilsJob, (payload, meta) => service.runCheck('snils', payload, meta)),
    handleJob(checkPassportJob, (payload, meta) => service.runCheck('passport', payload, meta)),
  ];
}

/** The citizen's ИНН from the tax service, after the checks of a submission passed. */
export function innLookupJobs(service: InnLookupService): JobDefinition<any>[] {
  return [handleJob(findInnJob, (payload, meta) => service.run(payload, meta))];
}
