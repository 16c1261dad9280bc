package io.pryv.migration.nginx.conf.parse;

import io.pryv.migration.nginx.conf.lex.Token;
import java.util.List;

/**
 * One entry of crossplane's {@code parsed} list: a directive with its arguments, the indexes of the
 * files it includes, its block, or a comment ({@code directive} is {@code #}). Null fields are
 * absent from the JSON.
 *
 * @param file the file it comes from, only set when configs are combined ({@code --combine})
 * @param includes indexes into the payload's config list, for {@code include} (null otherwise, or
 *     with {@code --single-file})
 * @param block the statements inside braces, or null when the statement ended with {@code ;}
 * @param comment the comment text after {@code #}, for comments only
 * @param source where it came from in the original text, or null when it was built from JSON
 */
public record Statement(
    String file,
    String directive,
    int line,
    List<String> args,
    List<Integer> includes,
    List<Statement> block,
    String comment,
    Source source) {

  /**
   * The tokens a statement was made of, with their byte spans in the original file.
   *
   * @param directive the directive token (for a comment, the comment token)
   * @param args the argument tokens as lexed (an {@code if}'s parentheses are still on them, comments between
   *     arguments are not here)
   * @param terminator the {@code ;} or {@code {} that ended it (null for a comment)
   * @param blockEnd the {@code }} that closed its block, or null
   */
  public record Source(Token directive, List<Token> args, Token terminator, Token blockEnd) {
    /** Byte offset where the statement starts. */
    public int start() {
      return directive.offset();
    }

    /** Byte offset just past its last token ({@code ;}, the closing brace, or the comment). */
    public int end() {
      if (blockEnd != null) {
        return blockEnd.end();
      }
      return terminator != null ? terminator.end() : directive.end();
    }
  }

  public boolean isComment() {
    return comment != null;
  }

  public boolean hasBlock() {
    return block != null;
  }

  /** A copy with the block replaced (used when combining). */
  Statement withBlock(List<Statement> newBlock) {
    return new Statement(file, directive, line, args, includes, newBlock, comment, source);
  }
}
