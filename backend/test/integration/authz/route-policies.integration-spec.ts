import type { INestApplication } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { PATH_METADATA } from '@nestjs/common/constants';
import { ROUTE_POLICY } from '../../../src/core/authz/route-policy';
import { createTestApp } from '../support/create-app';

describe('every route declares its access policy', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  it('finds a policy on every handler of every controller', () => {
    const discovery = app.get(DiscoveryService);
    const scanner = app.get(MetadataScanner);
    const reflector = app.get(Reflector);
    const routes: string[] = [];
    const undeclared: string[] = [];
    for (const wrapper of discovery.getControllers()) {
      const instance = wrapper.instance as object | undefined;
      if (!instance) continue;
      const prototype = Object.getPrototypeOf(instance);
      for (const method of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[method];
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const name = `${wrapper.name}.${method}`;
        routes.push(name);
        if (!reflector.getAllAndOverride(ROUTE_POLICY, [handler, wrapper.metatype as object])) undeclared.push(name);
      }
    }
    expect(routes.length).toBeGreaterThan(0);
    expect(undeclared).toEqual([]);
  });
});
