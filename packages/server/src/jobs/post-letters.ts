import { z } from 'zod';
import type { ConfirmationService } from '../services/citizen/confirmation.js';
import { defineJob, handleJob, type JobDefinition } from './queue.js';

/**
 * Letters with a confirmation code (seed 000, section 1, step 3, way 2). Sending hands the letter
 * to Почта России; tracking asks for its state until it is delivered (or its validity ends).
 * The letter text travels sealed (AES-GCM), never as plaintext in the queue table.
 */
export const sendPostLetterJob = defineJob({
  name: 'post-letter.send',
  payload: z.object({ letterId: z.string().uuid(), sealedText: z.string() }),
  retryLimit: 8,
  retryDelaySeconds: 5,
  retryBackoff: true,
  expireInSeconds: 120,
});

export const trackPostLetterJob = defineJob({
  name: 'post-letter.track',
  payload: z.object({ letterId: z.string().uuid(), poll: z.number().int().min(0) }),
  retryLimit: 3,
  retryDelaySeconds: 5,
  retryBackoff: true,
  expireInSeconds: 60,
});

export function postLetterJobs(service: ConfirmationService): JobDefinition<any>[] {
  return [
    handleJob(sendPostLetterJob, (payload, meta) => service.sendLetter(payload, meta)),
    handleJob(trackPostLetterJob, (payload, meta) => service.trackLetter(payload, meta)),
  ];
}
