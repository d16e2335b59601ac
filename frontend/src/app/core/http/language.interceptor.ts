import type { HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { LanguageService } from '../i18n/language.service';

/** Tells the API which language the person reads (for messages it may translate). */
export const languageInterceptor: HttpInterceptorFn = (request, next) => {
  if (request.headers.has('Accept-Language')) return next(request);
  const locale = inject(LanguageService).active();
  return next(request.clone({ setHeaders: { 'Accept-Language': locale } }));
};
