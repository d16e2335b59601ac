import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RefMunicipalityEntity } from './ref-municipality.entity';
import { RefScianEntity } from './ref-scian.entity';
import { RefStateEntity } from './ref-state.entity';

/** Reads the reference tables whole (a few thousand short rows); the service keeps them in memory. */
@Injectable()
export class ReferenceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  states(): Promise<RefStateEntity[]> {
    return this.dataSource.getRepository(RefStateEntity).find();
  }

  municipalities(): Promise<RefMunicipalityEntity[]> {
    return this.dataSource.getRepository(RefMunicipalityEntity).find();
  }

  scian(): Promise<RefScianEntity[]> {
    return this.dataSource.getRepository(RefScianEntity).find();
  }
}
