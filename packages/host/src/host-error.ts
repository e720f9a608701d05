/**
 * What can go wrong with the kernel's rules, as a value. `retryable` says whether trying again can help:
 * a missing `nft` or a refused permission (no NET_ADMIN) will not fix itself; a timeout might.
 */
export interface HostError {
  readonly type: 'host-error';
  readonly retryable: boolean;
  /** What was asked: `ReadRules`, `ReplaceRules`, `RemoveTable`. */
  readonly operation: HostOperation;
  /** `NftMissing`, `PermissionDenied`, `NftFailed`, `Timeout`, `Malformed`. */
  readonly code: HostErrorCode;
  readonly message: string;
}

export type HostOperation = 'ReadRules' | 'ReplaceRules' | 'RemoveTable';
export type HostErrorCode = 'NftMissing' | 'PermissionDenied' | 'NftFailed' | 'Timeout' | 'Malformed';

export const hostError = (operation: HostOperation, code: HostErrorCode, message: string): HostError => ({
  type: 'host-error',
  retryable: code === 'NftFailed' || code === 'Timeout',
  operation,
  code,
  message,
});
