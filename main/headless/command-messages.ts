import { CONTACT_LIST_ERROR_KEYS, englishTranslator, type Translator } from '../../shared/i18n';
import { SETTABLE_AVAILABILITIES } from '../../shared/availability';
import type { ContactListErrorReason } from '../../shared/models';
import { COMMAND_NAMES, type CommandName, type CommandProblem } from './command-parser';

/** Why a well-formed command could not be carried out (besides the engine's own reasons). */
export type CommandFailure =
  | { readonly code: 'groupNotFound'; readonly group: string }
  | { readonly code: 'groupAmbiguous'; readonly group: string; readonly matches: readonly string[] }
  | { readonly code: 'contactListNotRead' }
  | { readonly code: ContactListErrorReason };

const commandList = (): string => COMMAND_NAMES.join(', ');

/** Fields of a command, as the "it takes …" part of an unknown-field answer lists them. */
const FIELD_LISTS: Readonly<Record<CommandName, string>> = {
  setAvailability: 'command, availability',
  setNote: 'command, note',
  reset: 'command',
  search: 'command, query, limit',
  addContact: 'command, uri, group',
  removeContact: 'command, uri, group',
  createGroup: 'command, name',
  renameGroup: 'command, group, name',
  deleteGroup: 'command, group',
  contactCard: 'command, uri',
};

/** One sentence saying how to fix a line, in `messages`' language. */
export function describeCommandProblem(problem: CommandProblem, messages: Translator = englishTranslator()): string {
  switch (problem.code) {
    case 'tooLong':
      return messages.t('cli.commands.tooLong', { max: problem.max });
    case 'notJson':
      return messages.t('cli.commands.notJson');
    case 'notAnObject':
      return messages.t('cli.commands.notAnObject', { commands: commandList() });
    case 'noCommand':
      return messages.t('cli.commands.noCommand', { commands: commandList() });
    case 'unknownCommand':
      return messages.t('cli.commands.unknownCommand', { command: problem.command, commands: commandList() });
    case 'unknownField':
      return messages.t('cli.commands.unknownField', { command: problem.command, field: problem.field, fields: FIELD_LISTS[problem.command] });
    case 'missingField':
      return messages.t('cli.commands.missingField', { command: problem.command, field: problem.field });
    case 'notAString':
      return messages.t('cli.commands.notAString', { field: problem.field });
    case 'emptyField':
      return messages.t('cli.commands.emptyField', { field: problem.field });
    case 'fieldTooLong':
      return messages.t('cli.commands.fieldTooLong', { field: problem.field, max: problem.max });
    case 'unknownAvailability':
      return messages.t('cli.unknownAvailability', { value: problem.value, values: SETTABLE_AVAILABILITIES.join(', ') });
    case 'limitRange':
      return messages.t('cli.commands.limitRange', { min: problem.min, max: problem.max });
    case 'notAnAddress':
      return messages.t('cli.commands.notAnAddress', { uri: problem.uri });
  }
}

/** One sentence saying what went wrong with `command` and what to do, in `messages`' language. */
export function describeCommandFailure(command: CommandName, failure: CommandFailure, messages: Translator = englishTranslator()): string {
  switch (failure.code) {
    case 'groupNotFound':
      return messages.t('cli.commands.groupNotFound', { group: failure.group });
    case 'groupAmbiguous':
      return messages.t('cli.commands.groupAmbiguous', { group: failure.group, matches: failure.matches.join(', ') });
    case 'contactListNotRead':
      return messages.t('cli.commands.contactListNotRead');
    case 'unavailable':
      // What is missing depends on what was asked for: the search, the list itself, or changing it.
      if (command === 'search') return messages.t('cli.commands.searchUnavailable');
      if (command === 'contactCard') return messages.t('cli.commands.contactListUnavailable');
      return messages.t('cli.commands.managementUnavailable');
    default:
      // The window's words for the engine's reasons (its English message is not shown).
      return messages.t(CONTACT_LIST_ERROR_KEYS[failure.code]);
  }
}
