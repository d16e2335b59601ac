export * from './errors/error-response.schema';
export * from './health/health.schema';
export * from './system/echo.schema';
export * from './i18n/locales';
export * from './identity/roles';
