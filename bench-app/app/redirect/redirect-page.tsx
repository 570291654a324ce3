import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { readItem } from '../../lib/services/items';
import { ScenarioPage } from '../scenario-page';

/**
 * The form page and each created item's page: the item (when there is one) above the form, so the next item is
 * created from where the last one landed.
 */
export function RedirectPage(props: { title: string; scope: string; id?: string; form: ReactNode }) {
  const item = props.id === undefined ? undefined : readItem(props.scope, Number(props.id), 'redirect');
  if (props.id !== undefined && !item) notFound();
  return (
    <ScenarioPage title={props.title}>
      <h2 aria-label="created item">{item?.text ?? 'nothing created yet'}</h2>
      {props.form}
    </ScenarioPage>
  );
}
