package dev.ddlab.bridge.api;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Lets the hijacking requests (attach, exec start) bypass Javalin; everything else passes on. */
final class HijackFilter implements Filter {
  /** Handles a request when it is one to hijack. */
  interface Hijacker {
    boolean handle(HttpServletRequest req, HttpServletResponse res) throws IOException;
  }

  private final Hijacker hijacker;

  HijackFilter(Hijacker hijacker) {
    this.hijacker = hijacker;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if (req instanceof HttpServletRequest http
        && res instanceof HttpServletResponse answer
        && hijacker.handle(http, answer)) {
      return;
    }
    chain.doFilter(req, res);
  }
}
