import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { Kind, type DocumentNode, type OperationDefinitionNode } from "graphql";
import { LRUCache } from "lru-cache";
import { statelessPlugin } from "./stateless-plugin";

/** Documents kept: the operations the front ends and scripts send, with room. */
const KNOWN_DOCUMENTS_KEPT = 2_000;
/**
 * And at most this much document text (a parsed document takes some twenty times its text), so
 * clients that write values into their documents cannot fill the memory: Apollo's own cache may
 * have let a document go that this still holds.
 */
const KNOWN_TEXT_KEPT = 1_000_000;

/** A document Apollo has parsed, validated and executed, with its one operation. */
export interface KnownOperation {
  document: DocumentNode;
  operation: OperationDefinitionNode;
}

/**
 * The documents Apollo has accepted and run, by their text: direct-execution.ts runs them again
 * without Apollo's request pipeline. Only Apollo adds to it, after a request of the document was
 * executed, so a document here has passed parsing, every validation rule and the document-level
 * checks of every plugin. Documents with more than one operation, and subscriptions, are never kept.
 */
export class KnownOperations {
  private readonly byText = new LRUCache<string, KnownOperation>({
    max: KNOWN_DOCUMENTS_KEPT,
    maxSize: KNOWN_TEXT_KEPT,
    sizeCalculation: (_operation, text) => Math.max(text.length, 1),
  });

  find(text: string): KnownOperation | undefined {
    return this.byText.get(text);
  }

  /** The Apollo plugin that keeps each document it executed. */
  plugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
    const byText = this.byText;
    return statelessPlugin<TContext>({
      async willSendResponse({ request, document, operation, response }) {
        if (!document || !operation || typeof request.query !== "string") return;
        // Not executed (refused before it ran): some check may have refused the document itself.
        if (response.body.kind !== "single" || response.body.singleResult.data === undefined) return;
        if (operation.operation === "subscription" || byText.has(request.query)) return;
        const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
        if (operations.length === 1) byText.set(request.query, { document, operation });
      },
    });
  }
}
