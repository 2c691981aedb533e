import { msg } from '../../../../libs/messages/src/index.js';
import { Injectable } from '@nestjs/common';
import { DomainError } from '../../../../libs/domain/src/index.js';
import { Database } from '../database/database.service.js';
import { type Area, AreasRepository } from './areas.repository.js';

/** The municipality's areas. They change only through migrations, so they are read once. */
@Injectable()
export class AreasService {
  private cache: Promise<Area[]> | null = null;

  constructor(
    private readonly db: Database,
    private readonly areas: AreasRepository,
  ) {}

  list(): Promise<Area[]> {
    if (!this.cache) {
      this.cache = this.db.read((m) => this.areas.list(m));
      this.cache.catch(() => (this.cache = null));
    }
    return this.cache;
  }

  async isKnown(code: string): Promise<boolean> {
    return (await this.list()).some((a) => a.code === code);
  }

  /** 400 naming the field when any code is not an area. */
  async assertKnown(codes: string[], field: string): Promise<void> {
    const known = new Set((await this.list()).map((a) => a.code));
    const unknown = codes.filter((c) => !known.has(c));
    if (unknown.length > 0) {
      throw DomainError.invalid([{ name: field, reason: msg('reason.unknownArea', { codes: unknown }) }]);
    }
  }
}
