/**
 * The response header that carries the audit chain's head (`SEQ:HASH`) on every report and export
 * (issue 13, section 6): a header, so JSON bodies keep their shape and CSV stays plain CSV.
 */
export const AUDIT_HEAD_HEADER = 'X-Audit-Chain-Head';
