export {
  FLOAT_TOKENS,
  type FloatToken,
  floatFromJson,
  floatsFromJson,
  floatsToJson,
  floatToJson,
  type JsonFloat,
} from "./float-json.ts";
