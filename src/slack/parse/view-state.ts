import { z } from 'zod';

/** One element's state inside view.state.values, by element type (users_select, plain_text_input, …). */
const elementState = z.looseObject({
  type: z.string(),
  value: z.string().nullish(),
  selected_user: z.string().nullish(),
  selected_users: z.array(z.string()).nullish(),
  selected_option: z.looseObject({ value: z.string() }).nullish(),
});

const stateValues = z.record(z.string(), z.record(z.string(), elementState));

export type ViewValues = z.infer<typeof stateValues>;

/** Parses view.state.values; anything malformed reads as empty, so validation reports it as a missing field. */
export function parseViewValues(raw: unknown): ViewValues {
  const parsed = stateValues.safeParse(raw);
  return parsed.success ? parsed.data : {};
}

const element = (values: ViewValues, block: string, action: string) => values[block]?.[action];

export function textValue(values: ViewValues, block: string, action: string): string | null {
  return element(values, block, action)?.value ?? null;
}

export function userValue(values: ViewValues, block: string, action: string): string | null {
  return element(values, block, action)?.selected_user ?? null;
}

export function usersValue(values: ViewValues, block: string, action: string): string[] {
  return element(values, block, action)?.selected_users ?? [];
}

export function optionValue(values: ViewValues, block: string, action: string): string | null {
  return element(values, block, action)?.selected_option?.value ?? null;
}
