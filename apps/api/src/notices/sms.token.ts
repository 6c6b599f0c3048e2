/** The SMS settings the service was started with (`smsSettingsFrom(process.env)`). */
export const SMS_SETTINGS = Symbol('SMS_SETTINGS');
