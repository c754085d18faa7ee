package dev.ddlab.grader.lab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The labs shipped in the {@code labs} module: {@code labs/index.txt} lists the lab ids in course
 * order, each one a {@code labs/<id>.yaml} classpath resource. Loading validates every lab, so a
 * broken lab fails at start-up (and in the build), never in front of a learner.
 */
public final class LabCatalog {
  private static final String INDEX = "labs/index.txt";

  private final Map<String, Lab> labs;

  private LabCatalog(Map<String, Lab> labs) {
    this.labs = Collections.unmodifiableMap(labs);
  }

  private static volatile LabCatalog builtIn;

  /** The labs on the classpath (loaded once). */
  public static LabCatalog builtIn() {
    LabCatalog c = builtIn;
    if (c == null) {
      synchronized (LabCatalog.class) {
        c = builtIn;
        if (c == null) {
          c = load(LabCatalog.class.getClassLoader());
          builtIn = c;
        }
      }
    }
    return c;
  }

  public static LabCatalog load(ClassLoader loader) {
    Map<String, Lab> labs = new LinkedHashMap<>();
    for (String id : index(loader)) {
      String resource = "labs/" + id + ".yaml";
      try (InputStream in = loader.getResourceAsStream(resource)) {
        if (in == null) {
          throw new LabFormatException(
              INDEX, List.of("lists " + id + " but " + resource + " is missing"));
        }
        Lab lab = parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        if (!lab.id().equals(id)) {
          throw new LabFormatException(
              resource, List.of("id " + lab.id() + " differs from the file name"));
        }
        labs.put(id, lab);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new LabCatalog(labs);
  }

  /** A catalogue of the given labs (tests, benchmarks). */
  public static LabCatalog of(List<Lab> list) {
    Map<String, Lab> labs = new LinkedHashMap<>();
    list.forEach(l -> labs.put(l.id(), l));
    return new LabCatalog(labs);
  }

  /** Parses and validates one lab's YAML text. */
  public static Lab parse(String source, String yaml) {
    Lab lab;
    try {
      lab = YAML.readValue(yaml, Lab.class);
    } catch (JsonProcessingException e) {
      throw new LabFormatException(source, List.of(e.getOriginalMessage()));
    }
    if (lab == null) {
      throw new LabFormatException(source, List.of("empty file"));
    }
    List<String> problems = LabValidator.problems(lab);
    if (!problems.isEmpty()) {
      throw new LabFormatException(source, problems);
    }
    return lab;
  }

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private static List<String> index(ClassLoader loader) {
    try (InputStream in = loader.getResourceAsStream(INDEX)) {
      if (in == null) {
        return List.of();
      }
      List<String> ids = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String id = line.strip();
        if (!id.isEmpty() && !id.startsWith("#")) {
          ids.add(id);
        }
      }
      return ids;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<Lab> all() {
    return List.copyOf(labs.values());
  }

  public Optional<Lab> find(String id) {
    return Optional.ofNullable(labs.get(id));
  }
}
