import { z } from 'zod';
import { ROLES } from '../../shared/permissions.js';

export const staffLoginBody = z.object({
  email: z.string().trim().toLowerCase().email('adresse e-mail invalide').max(254),
  password: z.string().min(1).max(200),
});

export const employeeSchema = z.object({
  id: z.number().int(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  pizzeriaId: z.number().int().nullable(),
});

export const staffSessionSchema = z.object({
  token: z.string(),
  expiresAt: z.string(),
  employee: employeeSchema,
});

export const staffMeSchema = z.object({ employee: employeeSchema, permissions: z.array(z.string()) });
