import { ScenarioPage } from '../../scenario-page';
import { Sign } from './sign';

export const dynamic = 'force-dynamic';

export default function SecretProbePage() {
  return (
    <ScenarioPage title="probe · server-only secret">
      <Sign />
    </ScenarioPage>
  );
}
