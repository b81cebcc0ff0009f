import { Stack } from '@mantine/core';
import type {
  WorkstationOperation,
  WorkstationOperationResult,
  WorkstationSearchAnswer,
  WorkstationSearchResult,
  WorkstationSession,
} from '@openesia/contracts';
import { useState } from 'react';
import { OperationForm } from './OperationForms';
import { OperationResultView } from './OperationResultView';
import { SearchForm, emptySearch, type SearchValues } from './SearchForm';
import { SearchResults } from './SearchResults';

type Step =
  | { at: 'search' }
  | {
      at: 'form';
      operation: WorkstationOperation;
      result: WorkstationSearchResult | null;
      withReason: boolean;
    }
  | { at: 'done'; outcome: WorkstationOperationResult };

/**
 * The work screen as seed 003's recommended algorithm: search first; the results offer only the
 * operations that fit; the operation's form; its outcome with the papers to print; a new search.
 */
export function WorkScreen({ session }: { session: WorkstationSession }) {
  const [step, setStep] = useState<Step>({ at: 'search' });
  const [searched, setSearched] = useState<SearchValues>(emptySearch);
  const [answer, setAnswer] = useState<WorkstationSearchAnswer | null>(null);

  const newSearch = () => {
    setSearched(emptySearch);
    setAnswer(null);
    setStep({ at: 'search' });
  };

  if (step.at === 'done') return <OperationResultView initial={step.outcome} onNewSearch={newSearch} />;
  if (step.at === 'form')
    return (
      <OperationForm
        operation={step.operation}
        result={step.result}
        withReason={step.withReason}
        searched={searched}
        onDone={(outcome) => setStep({ at: 'done', outcome })}
        onCancel={() => setStep({ at: 'search' })}
      />
    );
  return (
    <Stack gap="lg">
      <SearchForm
        // a new search starts a new form; going back from an operation keeps what was typed
        key={answer ? 'kept' : 'new'}
        initial={searched}
        onFound={(found, values) => {
          setSearched(values);
          setAnswer(found);
        }}
      />
      {answer && (
        <SearchResults
          answer={answer}
          session={session}
          onOperation={(operation, result) => setStep({ at: 'form', operation, result, withReason: false })}
          onRegister={(withReason) =>
            setStep({ at: 'form', operation: 'registration', result: null, withReason })
          }
        />
      )}
    </Stack>
  );
}
