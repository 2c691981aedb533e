import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/actor.js';
import { AreasService } from './areas.service.js';

export class AreaView {
  @ApiProperty({ example: 'centrum' }) code!: string;
  @ApiProperty({ example: 'Centrum' }) name!: string;
  @ApiProperty({
    type: [String],
    example: ['Binnenstad', 'Hortusbuurt-Ebbingekwartier', 'Oosterpoort'],
    description: 'The neighbourhoods (wijken) the area covers',
  })
  neighbourhoods!: string[];
}

@ApiTags('areas')
@Controller('areas')
export class AreasController {
  constructor(private readonly areas: AreasService) {}

  @Public()
  @Get()
  @ApiOperation({ operationId: 'listAreas', summary: 'The areas of the municipality' })
  @ApiOkResponse({ type: [AreaView] })
  async list(): Promise<AreaView[]> {
    return (await this.areas.list()).map(({ code, name, neighbourhoods }) => ({
      code,
      name,
      neighbourhoods,
    }));
  }
}
