package io.pryv.migration.standins.pryvcore;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One part of a multipart/form-data body, as the fake core parses events.create uploads. */
record MultipartPart(String name, String fileName, String contentType, byte[] bytes) {
  private static final Pattern NAME = Pattern.compile("name=\"([^\"]*)\"");
  private static final Pattern FILE_NAME = Pattern.compile("filename=\"([^\"]*)\"");

  static List<MultipartPart> split(byte[] body, String boundary) {
    byte[] delimiter = ("\r\n" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    byte[] data = new byte[body.length + 2];
    data[0] = '\r';
    data[1] = '\n';
    System.arraycopy(body, 0, data, 2, body.length);
    List<MultipartPart> parts = new ArrayList<>();
    int start = indexOf(data, delimiter, 0);
    while (start >= 0) {
      int headerStart = start + delimiter.length;
      if (data.length >= headerStart + 2
          && data[headerStart] == '-'
          && data[headerStart + 1] == '-') {
        break;
      }
      int next = indexOf(data, delimiter, headerStart);
      if (next < 0) {
        break;
      }
      int headerEnd = indexOf(data, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headerStart);
      String headers =
          new String(data, headerStart, headerEnd - headerStart, StandardCharsets.UTF_8);
      Matcher name = NAME.matcher(headers);
      Matcher fileName = FILE_NAME.matcher(headers);
      String contentType = "application/octet-stream";
      for (String line : headers.split("\r\n")) {
        if (line.toLowerCase().startsWith("content-type:")) {
          contentType = line.substring("content-type:".length()).strip();
        }
      }
      parts.add(
          new MultipartPart(
              name.find() ? name.group(1) : "",
              fileName.find() ? fileName.group(1) : null,
              contentType,
              Arrays.copyOfRange(data, headerEnd + 4, next)));
      start = next;
    }
    return parts;
  }

  private static int indexOf(byte[] data, byte[] pattern, int from) {
    outer:
    for (int i = from; i <= data.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
