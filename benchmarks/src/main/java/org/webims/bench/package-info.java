/**
 * JMH micro-benchmarks of WebIMS hot paths (SIP codec, Digest, token checks), run on demand from
 * {@code benchmarks/target/benchmarks.jar}; never part of the Maven build or CI tests.
 */
package org.webims.bench;
