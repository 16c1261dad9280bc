package io.pryv.migration.standins.pryvcore;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.pryv.migration.common.integrity.EventIntegrity;
import io.pryv.migration.common.integrity.PryvJson;
import io.pryv.migration.common.integrity.Sha256;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * A Pryv.io core (HTTP or HTTPS, JDK httpserver), in memory for verify's tests or saving to a data
 * folder as the pryvio_core stand-in ({@link CoreData}, {@code cli.Main}), that behaves like the
 * recorded open-pryv.io 2.0 core for what verify uses: envelope with {@code meta} after the data,
 * the three ways to pass a token and their errors, events.get defaults (20 events, fromTime/toTime
 * rules) and paging, states and deletions, system streams and events, attachments with integrity
 * and Digest, HF series, batch calls, accesses, and error bodies.
 *
 * <p>It also does what a live core was seen doing (corpus README, "Seen on a live core"): events
 * are ordered by {@code time} only and paged with OFFSET/LIMIT, events sharing a time come back in
 * a different order on every request; a series event is rewritten by the metadata updater a
 * cool-down after its last points write (10 s by default, shorter in tests); {@code eventDeletions}
 * ignore {@code streams[]}; service info of a dnsLess core is at {@code /reg/service/info} and
 * {@code /{user}/service/info}, not {@code /service/info}; any one-segment path answers 200 with
 * the API root; {@code POST /users} answers 200.
 *
 * <p>{@link Version#V1} plays a v1 core (corpus README, "What differs on v1 cores"): classic
 * service info at {@code /service/info}, {@code Bearer} not stripped, events returned with {@code
 * streamId} and {@code tags}, {@code streamId}/{@code tags} accepted on create, any event id
 * accepted.
 */
public final class FakePryvServer implements AutoCloseable {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Pattern EVENT_ID = Pattern.compile("^c[a-z0-9-]{24}$|^[a-z][a-z0-9]{23}$");

  /** Which core the fake plays. */
  public enum Version {
    /** open-pryv.io 2.0 in dnsLess mode, as recorded and as seen live. */
    V2("2.0.0-pre.4"),
    /** a v1 core (1.9), classic (not dnsLess). */
    V1("1.9.3");

    final String apiVersion;

    Version(String apiVersion) {
      this.apiVersion = apiVersion;
    }
  }

  private final Version version;
  private final String apiVersion;
  private final EventQuery eventQuery = new EventQuery(new java.util.Random(20261205));
  private final java.util.concurrent.ScheduledExecutorService updater =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "fake-series-metadata-updater");
            thread.setDaemon(true);
            return thread;
          });
  private volatile java.time.Duration seriesCoolDown = java.time.Duration.ofSeconds(10);
  private volatile boolean rootServiceInfo = true;
  private volatile String publicUrl;

  /**
   * The data folder every write is saved to before the answer, or null for a core in memory
   * (tests).
   */
  private final CoreData data;

  private final ObjectMapper mapper =
      PryvJson.mapper().copy().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
  private final Map<String, FakeAccount> accounts = new ConcurrentHashMap<>();
  private final Map<String, String[]> tokens =
      new ConcurrentHashMap<>(); // token -> {user, accessId, scope}
  private final AtomicLong clock = new AtomicLong(1_795_470_000_000L);
  private final AtomicLong ids = new AtomicLong();
  private final AtomicInteger failuresToInject = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private final Set<String> hostsSeen = ConcurrentHashMap.newKeySet();
  private final HttpServer server;
  private Set<String> sniSeen = Set.of();

  private FakePryvServer(HttpServer server, Version version) {
    this(server, version, null);
  }

  private FakePryvServer(HttpServer server, Version version, CoreData data) {
    this.server = server;
    this.version = version;
    this.apiVersion = version.apiVersion;
    this.data = data;
    if (data != null) {
      load(data);
    }
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
    updater.scheduleWithFixedDelay(
        this::flushSeriesUpdates, 20, 20, java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  public static FakePryvServer http(String address, int port) throws IOException {
    return http(address, port, Version.V2);
  }

  public static FakePryvServer http(String address, int port, Version version) throws IOException {
    return new FakePryvServer(HttpServer.create(new InetSocketAddress(address, port), 64), version);
  }

  /**
   * A core that serves the accounts of a data folder and saves every write there before answering;
   * its clock is the wall clock (never going back, even after a restart on a machine whose clock is
   * behind).
   */
  public static FakePryvServer serving(CoreData data, InetSocketAddress address, Version version)
      throws IOException {
    return new FakePryvServer(HttpServer.create(address, 64), version, data);
  }

  private void load(CoreData data) {
    try {
      CoreData.Counters counters = data.counters();
      if (counters != null) {
        clock.set(counters.clockMillis());
        ids.set(counters.lastId());
      }
      for (FakeAccount account : data.accounts()) {
        accounts.put(account.user, account);
        account
            .accesses
            .values()
            .forEach(
                access ->
                    tokens.put(
                        access.get("token").asText(),
                        new String[] {
                          account.user,
                          access.get("id").asText(),
                          access.has("permissions")
                              ? access.path("permissions").path(0).path("streamId").asText()
                              : "*"
                        }));
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(
          "cannot read the data folder " + data.root() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Where clients reach this core (service info's {@code api}, registration's {@code apiEndpoint}).
   */
  public FakePryvServer publicUrl(String url) {
    this.publicUrl = url.endsWith("/") ? url : url + "/";
    return this;
  }

  public Version version() {
    return version;
  }

  /**
   * How long after the last points write the series metadata updater rewrites a series event (the
   * core waits 10 s; tests set a fraction of a second).
   */
  public FakePryvServer seriesCoolDown(java.time.Duration coolDown) {
    this.seriesCoolDown = coolDown;
    return this;
  }

  /**
   * Without: service info only at {@code /{user}/service/info}, as behind a proxy that serves
   * accounts only.
   */
  public FakePryvServer withoutRootServiceInfo() {
    this.rootServiceInfo = false;
    return this;
  }

  public java.time.Duration seriesCoolDown() {
    return seriesCoolDown;
  }

  /**
   * Flushes every pending series update whose cool-down has passed, as the core's updater does
   * every 500 ms.
   */
  private void flushSeriesUpdates() {
    long now = System.nanoTime();
    long coolDown = seriesCoolDown.toNanos();
    for (FakeAccount account : accounts.values()) {
      synchronized (account) {
        boolean flushed = false;
        var pending = account.pendingSeriesUpdates.entrySet().iterator();
        while (pending.hasNext()) {
          var entry = pending.next();
          if (now - entry.getValue().writtenAtNanos() >= coolDown) {
            account.flushSeriesUpdate(entry.getKey(), entry.getValue());
            pending.remove();
            flushed = true;
          }
        }
        if (flushed && data != null) {
          save(account);
        }
      }
    }
  }

  public static FakePryvServer https(String address, int port, SSLContext tls) throws IOException {
    HttpsServer server = HttpsServer.create(new InetSocketAddress(address, port), 64);
    Set<String> sni = ConcurrentHashMap.newKeySet();
    server.setHttpsConfigurator(
        new HttpsConfigurator(tls) {
          @Override
          public void configure(com.sun.net.httpserver.HttpsParameters parameters) {
            javax.net.ssl.SSLParameters ssl = tls.getDefaultSSLParameters();
            ssl.setSNIMatchers(
                List.of(
                    new javax.net.ssl.SNIMatcher(javax.net.ssl.StandardConstants.SNI_HOST_NAME) {
                      @Override
                      public boolean matches(javax.net.ssl.SNIServerName name) {
                        sni.add(new String(name.getEncoded(), StandardCharsets.US_ASCII));
                        return true;
                      }
                    }));
            parameters.setSSLParameters(ssl);
          }
        });
    FakePryvServer fake = new FakePryvServer(server, Version.V2);
    fake.sniSeen = sni;
    return fake;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String baseUrl() {
    String url = publicUrl;
    return url != null ? url : "http://127.0.0.1:" + port() + "/";
  }

  /** Host headers received, to check what --resolve sent. */
  public Set<String> hostsSeen() {
    return hostsSeen;
  }

  /** TLS server names (SNI) received. */
  public Set<String> sniSeen() {
    return sniSeen;
  }

  public int requestCount() {
    return requests.get();
  }

  /** The next {@code count} requests answer 503, to exercise retries. */
  public void failNext(int count) {
    failuresToInject.set(count);
  }

  public FakeAccount createAccount(String user, String personalToken) {
    FakeAccount account = new FakeAccount(user, now());
    accounts.put(user, account);
    addAccess(account, personalToken, "personal", "verify-tool", null);
    return account;
  }

  /** Puts an account (e.g. a copy of another server's) on this server, with its tokens. */
  public void putAccount(FakeAccount account, String personalToken) {
    accounts.put(account.user, account);
    tokens.put(personalToken, new String[] {account.user, "personal-" + account.user, "*"});
    account
        .accesses
        .values()
        .forEach(
            access -> {
              String token = access.path("token").asText();
              tokens.put(
                  token,
                  new String[] {
                    account.user,
                    access.get("id").asText(),
                    access.path("permissions").path(0).path("streamId").asText("*")
                  });
            });
  }

  public FakeAccount account(String user) {
    return accounts.get(user);
  }

  public int accountCount() {
    return accounts.size();
  }

  private void addAccess(
      FakeAccount account, String token, String type, String name, String streamId) {
    String id = newId();
    ObjectNode access =
        JSON.objectNode().put("id", id).put("token", token).put("name", name).put("type", type);
    if (streamId != null) {
      access.putArray("permissions").addObject().put("streamId", streamId).put("level", "read");
    }
    double time = now();
    access
        .put("created", time)
        .put("createdBy", "system")
        .put("modified", time)
        .put("modifiedBy", "system");
    access.put("integrity", "ACCESS:0:" + Sha256.tagged(access.toString()));
    account.accesses.put(id, access);
    tokens.put(token, new String[] {account.user, id, streamId == null ? "*" : streamId});
  }

  double now() {
    if (data != null) {
      long wall = System.currentTimeMillis();
      return clock.updateAndGet(last -> Math.max(last + 1, wall)) / 1000.0;
    }
    return clock.addAndGet(1) / 1000.0;
  }

  private String newId() {
    String counter = Long.toString(ids.incrementAndGet(), 36);
    return "f" + "0".repeat(23 - counter.length()) + counter;
  }

  // ---- HTTP plumbing ----

  /** An API error with the real core's id and message. */
  static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String id;
    final JsonNode data;

    Failure(int status, String id, String message, JsonNode data) {
      super(message);
      this.status = status;
      this.id = id;
      this.data = data;
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    try (exchange) {
      String host = exchange.getRequestHeaders().getFirst("Host");
      if (host != null) {
        hostsSeen.add(host);
      }
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (failuresToInject.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        ApiCall.write(
            exchange, json(503, errorBody("unexpected-error", "injected failure", null), null));
        return;
      }
      ApiCall call = ApiCall.of(exchange, body);
      try {
        route(call);
      } catch (Failure failure) {
        send(call, failure.status, errorBody(failure.id, failure.getMessage(), failure.data), null);
      }
      if (data != null && call.account != null && !call.method.equals("GET")) {
        save(call.account);
      }
      ApiCall.write(exchange, call.response);
    }
  }

  private void save(FakeAccount account) {
    synchronized (account) {
      data.save(account, new CoreData.Counters(clock.get(), ids.get()));
    }
  }

  private ObjectNode errorBody(String id, String message, JsonNode data) {
    ObjectNode body = JSON.objectNode();
    ObjectNode error = body.putObject("error").put("id", id).put("message", message);
    if (data != null) {
      error.set("data", data);
    }
    body.set("meta", meta());
    return body;
  }

  private ObjectNode meta() {
    return JSON.objectNode()
        .put("apiVersion", apiVersion)
        .put("serverTime", now())
        .put("serial", "2026112301");
  }

  private void send(ApiCall call, int status, ObjectNode body, String accessId) throws IOException {
    call.response = json(status, body, accessId);
  }

  private ApiCall.Response json(int status, ObjectNode body, String accessId) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json; charset=utf-8");
    headers.put("API-Version", apiVersion);
    if (accessId != null) {
      headers.put("Pryv-Access-Id", accessId);
    }
    return new ApiCall.Response(status, headers, mapper.writeValueAsBytes(body));
  }

  private void ok(ApiCall call, int status, ObjectNode body, String accessId) throws IOException {
    body.set("meta", meta()); // the real core puts meta after the data in events.get and deletions
    send(call, status, body, accessId);
  }

  private void route(ApiCall call) throws IOException {
    List<String> path = call.path;
    if (path.isEmpty() && call.method.equals("GET")) {
      ObjectNode body = JSON.objectNode();
      body.set("meta", meta());
      body.put("cheersFrom", "Pryv API").put("learnMoreAt", "https://pryv.github.io/");
      send(call, 200, body, null);
      return;
    }
    if (call.method.equals("POST") && path.size() == 1 && path.get(0).equals("users")) {
      register(call);
      return;
    }
    boolean serviceInfo =
        version == Version.V1
            ? path.size() == 2 && path.get(0).equals("service") && path.get(1).equals("info")
            : path.size() == 3
                && path.get(0).equals("reg")
                && path.get(1).equals("service")
                && path.get(2).equals("info");
    boolean userServiceInfo =
        path.size() == 3
            && path.get(1).equals("service")
            && path.get(2).equals("info")
            && accounts.containsKey(path.get(0));
    if (call.method.equals("GET") && ((serviceInfo && rootServiceInfo) || userServiceInfo)) {
      ObjectNode info =
          JSON.objectNode()
              .put("name", "Fake Pryv")
              .put("version", apiVersion)
              .put("api", baseUrl() + "{username}/")
              .put("register", baseUrl() + (version == Version.V1 ? "" : "reg/"));
      ok(call, 200, info, null);
      return;
    }
    if (call.method.equals("GET") && path.size() == 1) {
      // any one-segment path answers with the API root (seen live: /status, /nosuchuser)
      ObjectNode body = JSON.objectNode();
      body.set("meta", meta());
      body.put("cheersFrom", "Pryv API").put("learnMoreAt", "https://pryv.github.io/");
      send(call, 200, body, null);
      return;
    }
    FakeAccount account = accounts.get(path.get(0));
    if (account == null) {
      throw new Failure(404, "unknown-resource", "Unknown user \"" + path.get(0) + "\"", null);
    }
    call.account = account;
    String[] access = authenticate(call);
    String resource = path.size() > 1 ? path.get(1) : "";
    synchronized (account) {
      switch (resource) {
        case "" -> batch(call, account, access);
        case "access-info" -> accessInfo(call, account, access);
        case "streams" -> streams(call, account, access);
        case "events" -> events(call, account, access);
        case "accesses" -> accesses(call, account, access);
        default -> throw new Failure(404, "unknown-resource", "Unknown resource ", null);
      }
    }
  }

  /**
   * {@code POST /users}: creates an account with a personal token (200 on the live v2 build, 201 on
   * v1).
   */
  private void register(ApiCall call) throws IOException {
    JsonNode params = readJson(call.body);
    String user = params.path("username").asText("");
    if (!user.matches("[a-z0-9][a-z0-9-]{4,22}[a-z0-9]")) {
      throw new Failure(
          400, "invalid-parameters-format", "The parameters' format is invalid.", null);
    }
    if (accounts.containsKey(user)) {
      throw new Failure(409, "item-already-exists", "Username already exists", null);
    }
    String token = "reg" + newId();
    call.account = createAccount(user, token);
    ObjectNode body =
        JSON.objectNode()
            .put("username", user)
            .put("apiEndpoint", baseUrl().replace("://", "://" + token + "@") + user + "/");
    ok(call, version == Version.V1 ? 201 : 200, body, null);
  }

  private String[] authenticate(ApiCall call) {
    String token = call.exchange.getRequestHeaders().getFirst("Authorization");
    if (version == Version.V2 && token != null && token.startsWith("Bearer ")) {
      token = token.substring("Bearer ".length());
    }
    if (token == null) {
      token = call.param("auth");
    }
    if (token == null) {
      throw new Failure(401, "invalid-access-token", "Missing access token", null);
    }
    String[] access = tokens.get(token);
    if (access == null || !access[0].equals(call.path.get(0))) {
      throw new Failure(403, "invalid-access-token", "Cannot find access from token.", null);
    }
    return new String[] {access[0], access[1], access[2], token};
  }

  static boolean personal(String[] access) {
    return access[2].equals("*");
  }

  private void accessInfo(ApiCall call, FakeAccount account, String[] access) throws IOException {
    ObjectNode stored = account.accesses.get(access[1]);
    ObjectNode body =
        stored == null
            ? JSON.objectNode().put("type", "personal").put("id", access[1])
            : stored.deepCopy();
    body.putObject("user").put("username", account.user);
    ok(call, 200, body, access[1]);
  }

  // ---- batch ----

  private void batch(ApiCall call, FakeAccount account, String[] access) throws IOException {
    JsonNode calls = readJson(call.body);
    ArrayNode results = JSON.arrayNode();
    for (JsonNode method : calls) {
      try {
        JsonNode params = method.path("params");
        results.add(
            switch (method.path("method").asText()) {
              case "streams.create" ->
                  JSON.objectNode().set("stream", createStream(account, access, params));
              case "events.create" ->
                  JSON.objectNode()
                      .set(
                          "event",
                          present(createEvent(account, access, (ObjectNode) params), access));
              default ->
                  throw new Failure(
                      400, "invalid-method", "Invalid method: " + method.path("method"), null);
            });
      } catch (Failure failure) {
        ObjectNode error = JSON.objectNode();
        error.putObject("error").put("id", failure.id).put("message", failure.getMessage());
        results.add(error);
      }
    }
    ObjectNode body = JSON.objectNode();
    body.set("results", results);
    ok(call, 200, body, access[1]);
  }

  // ---- streams ----

  private void streams(ApiCall call, FakeAccount account, String[] access) throws IOException {
    if (call.method.equals("GET") && call.path.size() == 2) {
      ObjectNode body = JSON.objectNode();
      ArrayNode tree = account.streamTree(null, "all".equals(call.param("state")));
      if (!personal(access)) {
        ArrayNode visible = JSON.arrayNode();
        collect(tree, access[2], visible);
        tree = visible;
      }
      body.set("streams", tree);
      if (call.param("includeDeletionsSince") != null) {
        double since = Double.parseDouble(call.param("includeDeletionsSince"));
        ArrayNode deletions = body.putArray("streamDeletions");
        account.streamDeletions.values().stream()
            .filter(d -> d.get("deleted").asDouble() >= since)
            .forEach(deletions::add);
      }
      ok(call, 200, body, access[1]);
    } else if (call.method.equals("POST") && call.path.size() == 2) {
      ObjectNode body = JSON.objectNode();
      body.set("stream", createStream(account, access, readJson(call.body)));
      ok(call, 201, body, access[1]);
    } else if (call.method.equals("DELETE") && call.path.size() == 3) {
      String id = call.path.get(2);
      ObjectNode stream = account.streams.get(id);
      if (stream == null) {
        throw new Failure(404, "unknown-resource", "Unknown stream \"" + id + "\"", null);
      }
      requireManage(access);
      ObjectNode body = JSON.objectNode();
      if (!stream.path("trashed").asBoolean()) {
        stream.put("trashed", true).put("modified", now());
        body.set("stream", stream.deepCopy());
      } else {
        boolean hasEvents =
            account.events.values().stream()
                .anyMatch(e -> e.path("streamIds").toString().contains("\"" + id + "\""));
        if (hasEvents && call.param("mergeEventsWithParent") == null) {
          throw new Failure(
              400, "invalid-parameters-format", "mergeEventsWithParent is required", null);
        }
        account.streams.remove(id);
        account.streamDeletions.put(id, JSON.objectNode().put("id", id).put("deleted", now()));
        body.putArray("updatedEvents");
        body.putObject("streamDeletion").put("id", id);
      }
      ok(call, 200, body, access[1]);
    } else {
      throw new Failure(404, "unknown-resource", "Unknown resource ", null);
    }
  }

  private static void collect(ArrayNode tree, String root, ArrayNode out) {
    for (JsonNode stream : tree) {
      if (stream.get("id").asText().equals(root)) {
        out.add(stream);
      } else {
        collect((ArrayNode) stream.path("children"), root, out);
      }
    }
  }

  private ObjectNode createStream(FakeAccount account, String[] access, JsonNode params) {
    requireManage(access);
    String id =
        params.path("id").asText(newId()).replaceAll("[^A-Za-z0-9-]+", "-").replaceAll("-+$", "");
    if (account.streams.containsKey(id)) {
      throw new Failure(
          409, "item-already-exists", "A stream with id \"" + id + "\" already exists", null);
    }
    String parent = params.path("parentId").asText(null);
    if (parent != null && !account.streams.containsKey(parent)) {
      throw new Failure(
          400, "unknown-referenced-resource", "Unknown referenced stream \"" + parent + "\"", null);
    }
    ObjectNode stream = JSON.objectNode().put("id", id).put("name", params.path("name").asText(id));
    stream.set("parentId", parent == null ? JSON.nullNode() : JSON.textNode(parent));
    if (params.has("clientData")) {
      stream.set("clientData", params.get("clientData"));
    }
    double time = now();
    stream
        .put("created", time)
        .put("createdBy", access[1])
        .put("modified", time)
        .put("modifiedBy", access[1]);
    account.streams.put(id, stream);
    return stream.deepCopy();
  }

  private static void requireManage(String[] access) {
    if (!personal(access)) {
      throw new Failure(
          403, "forbidden", "You cannot access this resource using the given access token.", null);
    }
  }

  // ---- events ----

  private void events(ApiCall call, FakeAccount account, String[] access) throws IOException {
    int size = call.path.size();
    if (call.method.equals("GET") && size == 2) {
      getEvents(call, account, access);
    } else if (call.method.equals("POST") && size == 2) {
      ObjectNode body = JSON.objectNode();
      String type = call.exchange.getRequestHeaders().getFirst("Content-Type");
      if (type != null && type.startsWith("multipart/form-data")) {
        body.set("event", createWithAttachment(account, access, type, call.body));
      } else {
        body.set(
            "event",
            present(createEvent(account, access, (ObjectNode) readJson(call.body)), access));
      }
      ok(call, 201, body, access[1]);
    } else if (size == 3 && call.method.equals("GET")) {
      String id = call.path.get(2);
      ObjectNode body = JSON.objectNode();
      if (account.eventDeletions.containsKey(id)) {
        ObjectNode deletion = account.eventDeletions.get(id).deepCopy();
        deletion.remove("integrity");
        body.set("event", deletion);
      } else {
        body.set("event", present(requireEvent(account, id), access));
      }
      ok(call, 200, body, access[1]);
    } else if (size == 3 && call.method.equals("DELETE")) {
      requireManage(access);
      String id = call.path.get(2);
      ObjectNode event = requireEvent(account, id);
      ObjectNode body = JSON.objectNode();
      if (!event.path("trashed").asBoolean()) {
        event.put("trashed", true).put("modified", now()).put("modifiedBy", access[1]);
        event.put("integrity", EventIntegrity.compute(event));
        body.set("event", present(event, access));
      } else {
        account.events.remove(id);
        ObjectNode deletion = JSON.objectNode().put("id", id).put("deleted", now());
        deletion.put("integrity", EventIntegrity.compute(deletion));
        account.eventDeletions.put(id, deletion);
        body.putObject("eventDeletion").put("id", id);
      }
      ok(call, 200, body, access[1]);
    } else if (size == 4 && call.path.get(3).equals("series")) {
      series(call, account, access, call.path.get(2));
    } else if ((size == 4 || size == 5) && call.method.equals("GET")) {
      download(call, account, access, call.path.get(2), call.path.get(3));
    } else {
      throw new Failure(404, "unknown-resource", "Unknown resource ", null);
    }
  }

  private ObjectNode requireEvent(FakeAccount account, String id) {
    ObjectNode event = account.events.get(id);
    if (event == null) {
      throw new Failure(404, "unknown-resource", "Unknown event \"" + id + "\"", null);
    }
    return event;
  }

  /**
   * An event as the API returns it: attachment read tokens; on v1, {@code streamId} and {@code
   * tags} too.
   */
  private ObjectNode present(ObjectNode event, String[] access) {
    ObjectNode copy = event.deepCopy();
    for (JsonNode attachment : copy.path("attachments")) {
      ((ObjectNode) attachment)
          .put("readToken", access[1] + "-" + attachment.get("id").asText().substring(0, 8));
    }
    if (version == Version.V1 && copy.path("streamIds").size() > 0) {
      copy.put("streamId", copy.get("streamIds").get(0).asText());
      copy.putArray("tags");
    }
    return copy;
  }

  private ObjectNode createEvent(FakeAccount account, String[] access, ObjectNode params) {
    requireManage(access);
    List<String> extra = new ArrayList<>();
    if (version == Version.V1) {
      // v1 accepts streamId (folded into streamIds) and tags (kept out of the stored event here)
      if (params.path("streamId").isTextual() && !params.has("streamIds")) {
        params.putArray("streamIds").add(params.get("streamId").asText());
      }
      params.remove(List.of("streamId", "tags"));
    }
    params
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (name.equals("tags") || name.equals("streamId")) {
                extra.add(name);
              }
            });
    if (!extra.isEmpty() || !params.has("streamIds")) {
      ArrayNode data = JSON.arrayNode();
      extra.forEach(
          name ->
              data.addObject()
                  .put("code", "OBJECT_ADDITIONAL_PROPERTIES")
                  .put("message", "must NOT have additional properties")
                  .put("path", "#/" + name));
      if (!params.has("streamIds")) {
        data.addObject().put("code", "OBJECT_MISSING_REQUIRED_PROPERTY").put("path", "#/streamIds");
      }
      throw new Failure(
          400, "invalid-parameters-format", "The parameters' format is invalid.", data);
    }
    if (!params.path("type").isTextual()) {
      throw new Failure(
          400, "invalid-parameters-format", "The parameters' format is invalid.", null);
    }
    List<String> unknown = new ArrayList<>();
    params
        .get("streamIds")
        .forEach(
            s -> {
              if (!account.streams.containsKey(s.asText())) {
                unknown.add(s.asText());
              }
            });
    if (!unknown.isEmpty()) {
      ObjectNode data = JSON.objectNode();
      unknown.forEach(data.putArray("streamIds")::add);
      throw new Failure(400, "unknown-referenced-resource", "Unknown referenced streams", data);
    }
    String type = params.get("type").asText();
    if (type.equals("mass/kg") && params.has("content") && !params.get("content").isNumber()) {
      throw new Failure(
          400, "invalid-parameters-format", "The event content's format is invalid.", null);
    }
    String id = params.has("id") ? params.get("id").asText() : newId();
    if (version == Version.V2 && !EVENT_ID.matcher(id).matches()) {
      throw new Failure(
          400, "invalid-parameters-format", "The parameters' format is invalid.", null);
    }
    if (account.events.containsKey(id) || account.eventDeletions.containsKey(id)) {
      throw new Failure(
          409, "item-already-exists", "An event with id \"" + id + "\" already exists", null);
    }
    ObjectNode event = JSON.objectNode().put("id", id);
    event.set("streamIds", params.get("streamIds"));
    double time = now();
    event.set(
        "time",
        params.has("time")
            ? JSON.numberNode(params.get("time").decimalValue())
            : JSON.numberNode(time));
    event.put("type", type);
    if (type.startsWith("series:")) {
      ObjectNode content = event.putObject("content");
      content.putArray("fields").add("deltaTime").add("value");
      content.putArray("required").add("deltaTime").add("value");
      content.put("elementType", type.substring("series:".length()));
      account.series.put(id, new ArrayList<>());
    } else if (params.has("content")) {
      event.set("content", params.get("content"));
    }
    for (String optional : List.of("description", "clientData", "duration")) {
      if (params.has(optional)
          && !(optional.equals("duration")
              && params.get(optional).isNumber()
              && params.get(optional).decimalValue().signum() == 0)) {
        event.set(optional, params.get(optional));
      }
    }
    event
        .put("created", time)
        .put("createdBy", access[1])
        .put("modified", time)
        .put("modifiedBy", access[1]);
    event.put("integrity", EventIntegrity.compute(event));
    account.events.put(id, event);
    return event.deepCopy();
  }

  private ObjectNode createWithAttachment(
      FakeAccount account, String[] access, String contentType, byte[] body) {
    String boundary =
        "--" + contentType.substring(contentType.indexOf("boundary=") + "boundary=".length());
    List<MultipartPart> parts = MultipartPart.split(body, boundary);
    ObjectNode params = null;
    for (MultipartPart part : parts) {
      if (part.name().equals("event")) {
        params = (ObjectNode) readJson(part.bytes());
      }
    }
    if (params == null) {
      throw new Failure(400, "invalid-request-structure", "missing event part", null);
    }
    ObjectNode event = createEvent(account, access, params);
    ObjectNode stored = account.events.get(event.get("id").asText());
    ArrayNode attachments = stored.putArray("attachments");
    for (MultipartPart part : parts) {
      if (part.fileName() != null) {
        String fileId = newId();
        attachments
            .addObject()
            .put("id", fileId)
            .put("fileName", part.fileName())
            .put("type", part.contentType())
            .put("size", part.bytes().length)
            .put("integrity", Sha256.tagged(Sha256.newDigest().digest(part.bytes())));
        account.files.put(stored.get("id").asText() + "/" + fileId, part.bytes());
        if (data != null) {
          data.saveAttachment(account.user, stored.get("id").asText(), fileId, part.bytes());
        }
      }
    }
    stored.put("integrity", EventIntegrity.compute(stored));
    return present(stored, access);
  }

  private void download(
      ApiCall call, FakeAccount account, String[] access, String eventId, String fileId)
      throws IOException {
    ObjectNode event = requireEvent(account, eventId);
    byte[] bytes = account.files.get(eventId + "/" + fileId);
    JsonNode attachment = null;
    for (JsonNode candidate : event.path("attachments")) {
      if (candidate.get("id").asText().equals(fileId)) {
        attachment = candidate;
      }
    }
    if (attachment == null || bytes == null) {
      throw new Failure(404, "unknown-resource", "Unknown attachment \"" + fileId + "\"", null);
    }
    String digest = Base64.getEncoder().encodeToString(Sha256.newDigest().digest(bytes));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", attachment.get("type").asText());
    headers.put(
        "Content-Disposition",
        "attachment; filename*=UTF-8''" + attachment.get("fileName").asText());
    headers.put("Digest", "SHA-256=" + digest);
    headers.put("API-Version", apiVersion);
    call.response = new ApiCall.Response(200, headers, bytes);
  }

  private void series(ApiCall call, FakeAccount account, String[] access, String eventId)
      throws IOException {
    ObjectNode event = requireEvent(account, eventId);
    List<JsonNode> points = account.series.get(eventId);
    if (points == null) {
      ObjectNode body = JSON.objectNode();
      body.putObject("error")
          .put("id", "invalid-operation")
          .put("message", "The event is not a series event.");
      send(call, 400, body, null); // HFS errors carry no meta
      return;
    }
    if (call.method.equals("POST")) {
      requireManage(access);
      JsonNode body = readJson(call.body);
      if (!body.path("fields").toString().equals("[\"deltaTime\",\"value\"]")) {
        ObjectNode error = JSON.objectNode();
        error
            .putObject("error")
            .put("id", "invalid-request-structure")
            .put("message", "\"fields\" field must contain valid field names for the series type.");
        send(call, 400, error, null);
        return;
      }
      List<JsonNode> written = new ArrayList<>();
      body.path("points").forEach(written::add);
      points.addAll(written);
      // the metadata updater rewrites the event a cool-down after the last write (modifiedBy: the
      // token string)
      FakeAccount.PendingSeriesUpdate update =
          new FakeAccount.PendingSeriesUpdate(
              FakeAccount.extentOf(written), access[3], now(), System.nanoTime());
      account.pendingSeriesUpdates.merge(
          eventId,
          update,
          (old, later) ->
              new FakeAccount.PendingSeriesUpdate(
                  Math.max(old.extent(), later.extent()),
                  later.author(),
                  later.timestamp(),
                  later.writtenAtNanos()));
      ok(call, 200, JSON.objectNode().put("status", "ok"), null);
      return;
    }
    double from =
        call.param("fromDeltaTime") == null
            ? Double.NEGATIVE_INFINITY
            : Double.parseDouble(call.param("fromDeltaTime"));
    double to =
        call.param("toDeltaTime") == null
            ? Double.POSITIVE_INFINITY
            : Double.parseDouble(call.param("toDeltaTime"));
    ObjectNode body = JSON.objectNode().put("format", "flatJSON");
    body.set("fields", event.path("content").path("fields"));
    ArrayNode list = body.putArray("points");
    points.stream()
        .filter(p -> p.get(0).asDouble() >= from && p.get(0).asDouble() <= to)
        .forEach(list::add);
    ok(call, 200, body, null);
  }

  private void getEvents(ApiCall call, FakeAccount account, String[] access) throws IOException {
    ok(
        call,
        200,
        eventQuery.answer(call, account, access, now(), event -> present(event, access)),
        access[1]);
  }

  // ---- accesses ----

  private void accesses(ApiCall call, FakeAccount account, String[] access) throws IOException {
    requireManage(access);
    if (call.method.equals("GET")) {
      ObjectNode body = JSON.objectNode();
      ArrayNode list = body.putArray("accesses");
      account.accesses.values().forEach(list::add);
      ok(call, 200, body, access[1]);
    } else if (call.method.equals("POST")) {
      JsonNode params = readJson(call.body);
      String token = "tok" + newId();
      addAccess(
          account,
          token,
          params.path("type").asText("shared"),
          params.path("name").asText(),
          params.path("permissions").path(0).path("streamId").asText());
      ObjectNode created = account.accesses.get(tokens.get(token)[1]);
      if (params.has("clientData")) {
        created.set("clientData", params.get("clientData"));
      }
      ObjectNode body = JSON.objectNode();
      body.set("access", created.deepCopy());
      ok(call, 201, body, access[1]);
    } else {
      throw new Failure(404, "unknown-resource", "Unknown resource ", null);
    }
  }

  private JsonNode readJson(byte[] body) {
    try {
      return mapper.readTree(body);
    } catch (IOException e) {
      throw new Failure(400, "invalid-request-structure", "Invalid JSON", null);
    }
  }

  @Override
  public void close() {
    updater.shutdownNow();
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
