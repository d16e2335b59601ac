import { ApplicationInitStatus } from '@angular/core';
import { TestBed } from '@angular/core/testing';

/** Waits for the app initializers (the language and its translations) configured in TestBed. */
export async function initializeApp(): Promise<void> {
  await TestBed.inject(ApplicationInitStatus).donePromise;
}

/** Lets pending promises and the zoneless scheduler settle. */
export async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
}
