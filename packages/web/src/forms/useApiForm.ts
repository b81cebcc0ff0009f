import { useForm, type UseFormReturnType } from '@mantine/form';
import type { FieldError } from '@openesia/contracts';
import { useMutation, type UseMutationResult } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { fieldMessages, hasPath, schemaErrors, splitError, type SplitOptions } from './errors';

type Values = Record<string, unknown>;

export interface ApiFormOptions<V extends Values, Input, Result> {
  initialValues: V;
  /** the contract's request schema: the same verdict in the form as on the server */
  schema?: z.ZodType;
  /** the request body from the form's values (dates as the API wants them, say); identity if absent */
  toInput?: (values: V) => Input;
  /**
   * rules beyond the schema that need no server (the calendar rules of personal data, say); run on
   * the unchecked input, so they must skip values that are not well-formed
   */
  check?: (input: Input, values: V) => FieldError[];
  /** the request; its answer is checked against the contract's response schema by the api client */
  submit: (input: Input) => Promise<Result>;
  onSuccess?: (result: Result, input: Input) => unknown;
  /** told of every refusal after it is shown (counting wrong codes, say) */
  onError?: (error: unknown) => void;
  codeFields?: SplitOptions['codeFields'];
  fieldsSummary?: string;
}

export interface ApiForm<V extends Values, Input, Result> {
  form: UseFormReturnType<V>;
  mutation: UseMutationResult<Result, unknown, Input>;
  /** the form-level message (FormMessage), null when there is none */
  formError: string | null;
  onSubmit: (event?: FormEvent<HTMLFormElement>) => void;
  /** forget the last refusal (after a new code was sent, say) */
  clearErrors: () => void;
}

/**
 * The one form helper of the app: Mantine's form state, validated by the contract's zod schema
 * (all field errors at once, before any request), sent by a TanStack Query mutation, and the
 * server's refusal `{error:{code, fields:[{path, code}]}}` put at the form's fields in Russian, the
 * rest in the form-level message.
 */
export function useApiForm<V extends Values, Input = V, Result = unknown>(
  options: ApiFormOptions<V, Input, Result>,
): ApiForm<V, Input, Result> {
  const toInput = options.toInput ?? ((v: V) => v as unknown as Input);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<V>({
    initialValues: options.initialValues,
    validate: (values) => {
      const input = toInput(values);
      const errors = options.schema ? schemaErrors(options.schema, input) : {};
      // Cross-field rules together with the schema's, so every mistake shows in one round; a field
      // the schema already refused keeps that message (one mistake is not told twice).
      if (options.check)
        for (const [path, message] of Object.entries(fieldMessages(options.check(input, values))))
          errors[path] ??= message;
      if (Object.keys(errors).length && options.fieldsSummary) setFormError(options.fieldsSummary);
      return errors;
    },
  });
  const mutation = useMutation<Result, unknown, Input>({
    mutationFn: options.submit,
    onSuccess: (result, input) => options.onSuccess?.(result, input),
    onError: (error) => {
      const split = splitError(error, {
        isField: (path) => hasPath(form.getValues(), path),
        codeFields: options.codeFields,
        fieldsSummary: options.fieldsSummary,
      });
      form.setErrors(split.fields);
      setFormError(split.form);
      options.onError?.(error);
    },
  });
  const onSubmit = (event?: FormEvent<HTMLFormElement>) => {
    setFormError(null);
    form.onSubmit((values) => mutation.mutate(toInput(values)))(event);
  };
  const clearErrors = () => {
    form.clearErrors();
    setFormError(null);
    mutation.reset();
  };
  return { form, mutation, formError, onSubmit, clearErrors };
}
