'use server';

/** Receives a string as the only argument: how long it arrived. */
export async function oneArgumentAction(text: string): Promise<number> {
  return text.length;
}

/** Receives it beside a second argument, as the fixture's addItemAction(scope, text) does. */
export async function twoArgumentsAction(scope: string, text: string): Promise<number> {
  return scope.length + text.length;
}

/** Receives it as a FormData field. */
export async function formDataAction(form: FormData): Promise<number> {
  return String(form.get('text') ?? '').length;
}
