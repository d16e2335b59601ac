import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { municipalityListQuerySchema, scianSearchQuerySchema, type Page, type RefMunicipality, type RefState, type ScianEntry } from '@convenio/contracts';
import { createZodDto } from 'nestjs-zod';
import { Public } from '../../core/authz/route-policy';
import { ReferenceService } from './reference.service';

class MunicipalityListQueryDto extends createZodDto(municipalityListQuerySchema) {}
class ScianSearchQueryDto extends createZodDto(scianSearchQuerySchema) {}

/** Reference data for pickers: public, read-only, changed only by a deploy (hence cacheable for an hour). */
@ApiTags('reference')
@Controller('v1/reference')
export class ReferenceController {
  constructor(private readonly reference: ReferenceService) {}

  /** The 32 INEGI states. */
  @Get('states')
  @Public()
  @Header('Cache-Control', 'public, max-age=3600')
  states(): Promise<RefState[]> {
    return this.reference.listStates();
  }

  /** INEGI municipalities, by code; `state` filters, `q` searches names ignoring accents and case. */
  @Get('municipalities')
  @Public()
  @Header('Cache-Control', 'public, max-age=3600')
  municipalities(@Query() query: MunicipalityListQueryDto): Promise<Page<RefMunicipality>> {
    return this.reference.listMunicipalities(query);
  }

  /** SCIAN 2018 codes, by code; `digits` picks a level, `parent` its children (or descendants at `digits`), `q` searches titles. */
  @Get('scian')
  @Public()
  @Header('Cache-Control', 'public, max-age=3600')
  scian(@Query() query: ScianSearchQueryDto): Promise<Page<ScianEntry>> {
    return this.reference.searchScian(query);
  }
}
