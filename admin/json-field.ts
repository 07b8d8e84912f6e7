// A JSON column (opening hours, VAT breakdown, extras of a line) shown and edited as indented JSON text.
// AdminJS flattens objects into one param per leaf (`openingHours.mon.0.0`) and has no editor for nested
// arrays, so the column itself stays hidden and a virtual `<field>Json` textarea carries its text.
import { flat, ValidationError, type ActionResponse, type After, type Before } from 'adminjs';

export interface JsonTextField {
  /** The virtual property's name: put it in the resource's properties and writable fields. */
  text: string;
  property: { type: 'textarea'; isVisible: { list: false; filter: false; show: true; edit: boolean } };
  /** After show/edit: fills the text from the record. */
  fill: After<ActionResponse>;
  /** Before new/edit (after the payload is cut down): parses the text back into the column. */
  parse: Before;
}

/** `{"mon": [["11:30","14:30"]], …}` with one day (or one array item) per line: readable and editable. */
function oneEntryPerLine(value: unknown): string {
  if (Array.isArray(value))
    return value.length ? `[\n  ${value.map((v) => JSON.stringify(v)).join(',\n  ')}\n]` : '[]';
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`);
    return entries.length ? `{\n  ${entries.join(',\n  ')}\n}` : '{}';
  }
  return JSON.stringify(value);
}

export function jsonTextField(field: string, editable: boolean): JsonTextField {
  const text = `${field}Json`;
  const fill: After<ActionResponse> = (response) => {
    const params = response.record?.params as Record<string, unknown> | undefined;
    if (params) {
      const value: unknown = flat.get(params as Parameters<typeof flat.get>[0], field);
      params[text] = value === undefined ? '' : oneEntryPerLine(value);
    }
    return response;
  };
  const parse: Before = (request) => {
    const payload = request.payload;
    if (request.method !== 'post' || !payload || !(text in payload)) return request;
    let value: unknown;
    try {
      value = JSON.parse(String(payload[text]));
    } catch {
      throw new ValidationError(
        {
          [text]: { message: 'JSON invalide : vérifiez les guillemets, virgules et crochets.', type: 'json' },
        },
        { message: 'Certaines valeurs sont invalides.', type: 'validation' },
      );
    }
    const rest = Object.fromEntries(
      Object.entries(payload).filter(([k]) => k !== text && k !== field && !k.startsWith(`${field}.`)),
    );
    return { ...request, payload: { ...rest, [field]: value } };
  };
  return {
    text,
    property: { type: 'textarea', isVisible: { list: false, filter: false, show: true, edit: editable } },
    fill,
    parse,
  };
}
