package io.porygon.core.docs;

import java.util.List;

/**
 * What the docs say about one unit test ({@code type: "test"}).
 *
 * @param testedId id of the dataset it tests, or null when that is not in the graph
 * @param tested the tested dataset's name as written (shown when it is not in the graph)
 * @param inputs ids of the actions whose rows the test replaces: what the tested dataset's query reads
 */
public record UnitTestDoc(String name, String testedId, String tested, String fileName, List<String> inputs) {}
