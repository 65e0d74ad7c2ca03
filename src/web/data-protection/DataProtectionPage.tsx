import { EndOfContractSection } from './EndOfContractSection.tsx';
import { RetentionSection } from './RetentionSection.tsx';
import { SubjectAccessSection } from './SubjectAccessSection.tsx';

/** Data protection for trust admins (issue 17): retention, subject access, end of contract. */
export function DataProtectionPage() {
  return (
    <section aria-labelledby="data-protection">
      <h1 id="data-protection">Data protection</h1>
      <p>
        What the trust keeps, for how long, and the exports data-protection law asks for. See the
        data-protection guide (docs/data-protection.md) for what each setting means.
      </p>
      <RetentionSection />
      <SubjectAccessSection />
      <EndOfContractSection />
    </section>
  );
}
