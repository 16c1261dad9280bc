package io.pryv.migration.nginx.conf.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pryv.migration.common.ToolException;
import io.pryv.migration.nginx.conf.lex.Token;
import io.pryv.migration.nginx.conf.parse.ConfigFile;
import io.pryv.migration.nginx.conf.parse.ParseError;
import io.pryv.migration.nginx.conf.parse.Payload;
import io.pryv.migration.nginx.conf.parse.Statement;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * crossplane's JSON, written and read with Jackson: the parse payload, the lexer's token list, and
 * the payload {@code build} reads back. Written through the streaming API so that large configs
 * need no object tree.
 */
public final class PayloadJson {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  /**
   * The object mapper only {@code build} needs: loaded on first use, it costs a parse run nothing.
   */
  private static final class Reader {
    static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);
  }

  private PayloadJson() {}

  /**
   * Writes the payload like {@code crossplane parse}, followed by a newline.
   *
   * @param indent spaces per level, or null for compact output (crossplane's default)
   */
  public static void write(Payload payload, OutputStream out, Integer indent) throws IOException {
    try (JsonGenerator g = generator(out, indent)) {
      g.writeStartObject();
      writeField(g, "status", payload.status());
      g.writeFieldName("errors");
      writeErrors(g, payload.errors());
      g.writeFieldName("config");
      g.writeStartArray();
      for (ConfigFile config : payload.config()) {
        g.writeStartObject();
        writeField(g, "file", config.file());
        writeField(g, "status", config.status());
        g.writeFieldName("errors");
        writeErrors(g, config.errors());
        g.writeFieldName("parsed");
        writeStatements(g, config.parsed());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    out.write('\n');
    out.flush();
  }

  /** Writes tokens like {@code crossplane lex}: a list of strings, or of [token, line] pairs. */
  public static void writeTokens(
      List<Token> tokens, boolean lineNumbers, OutputStream out, Integer indent)
      throws IOException {
    try (JsonGenerator g = generator(out, indent)) {
      g.writeStartArray();
      for (Token token : tokens) {
        if (lineNumbers) {
          g.writeStartArray();
          PythonJsonStyle.writeString(g, token.text());
          g.writeNumber(token.line());
          g.writeEndArray();
        } else {
          PythonJsonStyle.writeString(g, token.text());
        }
      }
      g.writeEndArray();
    }
    out.write('\n');
    out.flush();
  }

  private static JsonGenerator generator(OutputStream out, Integer indent) throws IOException {
    JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8);
    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    PythonJsonStyle.apply(g, indent);
    return g;
  }

  private static void writeField(JsonGenerator g, String name, String value) throws IOException {
    g.writeFieldName(name);
    PythonJsonStyle.writeString(g, value);
  }

  private static void writeErrors(JsonGenerator g, List<ParseError> errors) throws IOException {
    g.writeStartArray();
    for (ParseError error : errors) {
      g.writeStartObject();
      if (error.file() != null) {
        writeField(g, "file", error.file());
      }
      writeField(g, "error", error.error());
      g.writeFieldName("line");
      if (error.line() == null) {
        g.writeNull();
      } else {
        g.writeNumber(error.line());
      }
      if (error.callback() != null) {
        writeField(g, "callback", error.callback());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void writeStatements(JsonGenerator g, List<Statement> statements)
      throws IOException {
    g.writeStartArray();
    for (Statement s : statements) {
      g.writeStartObject();
      if (s.file() != null) {
        writeField(g, "file", s.file());
      }
      writeField(g, "directive", s.directive());
      g.writeNumberField("line", s.line());
      g.writeFieldName("args");
      g.writeStartArray();
      for (String arg : s.args()) {
        PythonJsonStyle.writeString(g, arg);
      }
      g.writeEndArray();
      if (s.includes() != null) {
        g.writeFieldName("includes");
        g.writeStartArray();
        for (int index : s.includes()) {
          g.writeNumber(index);
        }
        g.writeEndArray();
      }
      if (s.block() != null) {
        g.writeFieldName("block");
        writeStatements(g, s.block());
      }
      if (s.comment() != null) {
        writeField(g, "comment", s.comment());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /** One config of a payload read back for {@code build}. */
  public record BuildInput(String file, List<Statement> parsed) {}

  /** Reads a parse payload (crossplane's or ours) for {@code build}. */
  public static List<BuildInput> readForBuild(InputStream in, String name) {
    JsonNode root;
    try {
      root = Reader.MAPPER.readTree(in);
    } catch (JsonParseException e) {
      throw ToolException.badInput(
          name
              + ": not JSON ("
              + e.getOriginalMessage()
              + " at line "
              + e.getLocation().getLineNr()
              + ")");
    } catch (IOException e) {
      throw ToolException.badInput(name + ": cannot read the payload: " + e.getMessage());
    }
    if (root == null || !root.path("config").isArray()) {
      throw ToolException.badInput(name + ": not a crossplane payload (no \"config\" list)");
    }
    List<BuildInput> configs = new ArrayList<>();
    int index = 0;
    for (JsonNode config : root.get("config")) {
      String where = name + ": config[" + index++ + "]";
      JsonNode file = config.get("file");
      if (file == null || !file.isTextual()) {
        throw ToolException.badInput(where + " has no \"file\"");
      }
      configs.add(
          new BuildInput(file.asText(), statements(config.get("parsed"), where + ".parsed")));
    }
    return configs;
  }

  private static List<Statement> statements(JsonNode list, String where) {
    if (list == null || !list.isArray()) {
      throw ToolException.badInput(where + " is not a list");
    }
    List<Statement> statements = new ArrayList<>(list.size());
    int index = 0;
    for (JsonNode node : list) {
      String at = where + "[" + index++ + "]";
      JsonNode directive = node.get("directive");
      if (directive == null || !directive.isTextual()) {
        throw ToolException.badInput(at + " has no \"directive\"");
      }
      int line = node.path("line").asInt(0);
      String comment = null;
      List<String> args = new ArrayList<>();
      if (directive.asText().equals("#")) {
        JsonNode text = node.get("comment");
        if (text == null || !text.isTextual()) {
          throw ToolException.badInput(at + " is a comment without \"comment\"");
        }
        comment = text.asText();
      } else {
        JsonNode argList = node.get("args");
        if (argList == null || !argList.isArray()) {
          throw ToolException.badInput(at + " (" + directive.asText() + ") has no \"args\" list");
        }
        for (JsonNode arg : argList) {
          args.add(arg.asText());
        }
      }
      JsonNode block = node.get("block");
      List<Statement> inner =
          block == null || block.isNull() ? null : statements(block, at + ".block");
      statements.add(
          new Statement(null, directive.asText(), line, args, null, inner, comment, null));
    }
    return statements;
  }
}
