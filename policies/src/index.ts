export * from './app-ability';
export * from './define-ability-for';
export * from './sql';
export * from './permission-matrix';
export * from './dataset-policy';
